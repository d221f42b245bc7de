package rxpush.forwarder.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rxpush.common.contract.BookingIds;
import rxpush.common.contract.BookingUpdate.OccurrenceType;
import rxpush.common.contract.ForwardedVersion;
import rxpush.forwarder.exchange.BookingSource;
import rxpush.forwarder.exchange.Fetched;
import rxpush.forwarder.failure.PermanentFailure;
import rxpush.forwarder.pipeline.ForwarderMetrics.SkipReason;

/**
 * Keeps the occurrences RX holds in step with their series.
 *
 * <p>Exchange notifies a change to a series, or to one of its occurrences, on the series master
 * only; a RESYNC reads the calendar window, where a series shows as its occurrences. So RX can hold
 * occurrence bookings that no notification will ever name, and they would go stale when the series
 * changes and stay behind when it is deleted. After a master is applied, the occurrences forwarded
 * under it are therefore read again (a changed occurrence is pushed, a removed one deleted), and when
 * the master is gone or cancelled they are deleted with it. Occurrences RX never held are left to
 * the next resync: RX may hold a series as its master alone.
 */
final class SeriesFollowUp {

    private static final Logger log = LoggerFactory.getLogger(SeriesFollowUp.class);

    private final Forwarding forwarding;
    private final Pusher pusher;
    private final BookingSource source;
    private final String mailbox;

    SeriesFollowUp(Forwarding forwarding, Pusher pusher, BookingSource source, String mailbox) {
        this.forwarding = forwarding;
        this.pusher = pusher;
        this.source = source;
        this.mailbox = mailbox;
    }

    /**
     * Follows up an item just applied in state {@code master}; does nothing unless it is (or was) a
     * series master with occurrences at RX. Adds the version writes to {@code writes}.
     */
    void after(String masterItemId, Fetched master, Instant observedAt, List<CompletableFuture<Void>> writes) {
        boolean gone = master instanceof Fetched.Gone
                || (master instanceof Fetched.Found found && found.booking().isCancelled());
        boolean changed = master instanceof Fetched.Found found
                && found.booking().occurrenceType() == OccurrenceType.SERIES_MASTER;
        if (!gone && !changed) {
            return;
        }
        List<String> held = forwarding.versions().occurrencesOf(BookingIds.bookingId(mailbox, masterItemId)).stream()
                .map(ForwardedVersion::itemId).toList();
        if (held.isEmpty()) {
            return;
        }
        // An occurrence cannot outlive its series: no need to ask Exchange about each.
        Map<String, Fetched> states = gone ? null : source.fetch(mailbox, held);
        for (String itemId : held) {
            Fetched state = gone ? Fetched.GONE : states.get(itemId);
            if (state == null) {
                continue; // no answer is never read as "deleted"
            }
            try {
                writes.add(pusher.apply(mailbox, itemId, state, observedAt, null));
            } catch (PermanentFailure failure) {
                log.warn("Occurrence {} of series {} in {} skipped: {} failed: {}", MailboxWork.abbreviate(itemId),
                        MailboxWork.abbreviate(masterItemId), mailbox, failure.stage(), failure.getMessage());
                forwarding.metrics().skipped(SkipReason.UNREADABLE);
            }
        }
        log.debug("Series {} of {} {}: {} occurrence(s) at RX followed up", MailboxWork.abbreviate(masterItemId),
                mailbox, gone ? "deleted" : "changed", held.size());
    }
}
