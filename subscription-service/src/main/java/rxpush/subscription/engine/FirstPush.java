package rxpush.subscription.engine;

import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rxpush.common.contract.Protocol;
import rxpush.common.contract.SubscriptionState;

/**
 * Checks the first push of a new EWS subscription against the watermark it started from.
 *
 * <p>A push client compares each PreviousWatermark with the last watermark it knows (EWS reference,
 * PreviousWatermark). Ingress does that for every push after the first, from its own memory; for the
 * first push of a subscription it has nothing to compare with, so a lost first push (a recovery's
 * replayed events, say) would go unseen. Here the owner knows what the first PreviousWatermark must
 * be: the watermark Subscribe answered with, or the one the subscription was resumed from (Exchange
 * versions differ on which one the first push repeats, so either counts).
 *
 * <p>A first push that follows neither asks for a RESYNC of the mailbox rather than for another
 * recovery from the watermark: a recovery would be cheaper, but should an Exchange's first push never
 * repeat either watermark, recovering would loop, while a resync is bounded (one per subscription) and
 * settles every booking whatever was lost.
 */
final class FirstPush {

    private static final Logger log = LoggerFactory.getLogger(FirstPush.class);

    static final String GAP_REASON = "the first push of the EWS subscription does not follow the watermark it started from";

    private FirstPush() {
    }

    /** Called with the mailbox's lock held when a subscription becomes current. */
    static void expect(MailboxState m, SubscriptionState active, String resumedFrom) {
        m.startWatermark = active.protocol() == Protocol.EWS ? active.watermark() : null;
        m.resumedFrom = active.protocol() == Protocol.EWS ? resumedFrom : null;
    }

    /**
     * Whether this push of the current subscription is its first and shows lost events; the
     * expectation is cleared either way, so only the first push is judged. A push without a
     * PreviousWatermark, or a subscription started without a watermark, cannot be judged. Called
     * with the mailbox's lock held.
     */
    static boolean breaksChain(MailboxState m, String previousWatermark) {
        String start = m.startWatermark;
        String resumed = m.resumedFrom;
        m.startWatermark = null;
        m.resumedFrom = null;
        if (previousWatermark == null || (start == null && resumed == null)) {
            return false;
        }
        return !Objects.equals(previousWatermark, start) && !Objects.equals(previousWatermark, resumed);
    }

    /** Writes the RESYNC for a first push that broke the chain; called without the mailbox's lock. */
    static void requestResync(PartitionStore store, String mailbox, Instant now) {
        log.info("Events of {} may have been missed before the first push of its EWS subscription; resync requested",
                mailbox);
        store.submit(Batch.of().withResync(StateBuilder.resync(mailbox, Protocol.EWS, GAP_REASON, now)));
    }
}
