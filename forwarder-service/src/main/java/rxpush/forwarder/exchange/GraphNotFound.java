package rxpush.forwarder.exchange;

import rxpush.common.contract.Source;
import rxpush.forwarder.failure.TransientFailure;
import rxpush.forwarder.pipeline.ForwarderMetrics;

/**
 * What a Graph 404 means. Graph answers 404 both for an event that does not exist
 * ({@code ErrorItemNotFound}) and for a mailbox it cannot reach ({@code ErrorInvalidUser},
 * {@code MailboxNotEnabledForRESTAPI}, or a mailbox created minutes ago whose REST endpoint is not ready).
 * Only the first is evidence of a deletion; taking the others for one would DELETE every booking the
 * blip touched. So anything but {@code ErrorItemNotFound} (a 404 without a readable code included) fails
 * the mailbox's work as transient: its records are kept and retried with back-off, the failure shows in
 * the forwarder's status and in {@code rxpush.forwarder.mailbox.unavailable}.
 */
final class GraphNotFound {

    /** Graph's (and Exchange's) code for an item that does not exist in a reachable mailbox. */
    static final String ITEM_NOT_FOUND = "ErrorItemNotFound";

    private GraphNotFound() {
    }

    /** A 404 on reading one event: gone when Graph says the item is not found, else the mailbox failed. */
    static Fetched judge(String errorCode, String mailbox, String operation, ForwarderMetrics metrics) {
        if (ITEM_NOT_FOUND.equals(errorCode)) {
            return Fetched.GONE;
        }
        throw mailboxFailure(errorCode, mailbox, operation, metrics);
    }

    static TransientFailure mailboxFailure(String errorCode, String mailbox, String operation, ForwarderMetrics metrics) {
        metrics.mailboxUnavailable(Source.GRAPH, errorCode);
        return new TransientFailure("Graph answered 404 " + errorCode + " " + operation + " of " + mailbox
                + ": the mailbox is unreachable, nothing is deleted; retried with back-off", null);
    }
}
