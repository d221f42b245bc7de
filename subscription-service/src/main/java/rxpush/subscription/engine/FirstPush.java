package rxpush.subscription.engine;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
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
 *
 * <p>The expectation lives in the subscription's record ({@link SubscriptionState#firstPushFrom()}),
 * not in the owner's memory: an owner that takes over between Subscribe and the first push still
 * checks it. Once judged it is cleared in the record, so only the first push is judged, once.
 */
final class FirstPush {

    private static final Logger log = LoggerFactory.getLogger(FirstPush.class);

    static final String GAP_REASON = "the first push of the EWS subscription does not follow the watermark it started from";

    /** A judged first push: the record to write (expectation cleared, live signals in), and whether it broke the chain. */
    record Judged(SubscriptionState cleared, boolean gap) {
    }

    private FirstPush() {
    }

    /**
     * The ACTIVE record carrying what its first push may repeat: the watermark Subscribe answered with
     * and the one it resumed from. Unchanged for Graph, and for an EWS subscription with neither.
     */
    static SubscriptionState expect(SubscriptionState active, String resumedFrom) {
        if (active.protocol() != Protocol.EWS) {
            return active;
        }
        List<String> from = Stream.of(active.watermark(), resumedFrom).filter(Objects::nonNull).distinct().toList();
        if (from.isEmpty()) {
            return active;
        }
        return StateBuilder.from(active).firstPushFrom(from).build(active.ownerEpoch(), active.updatedAt());
    }

    /**
     * Judges a push of the mailbox's current subscription, if its record still expects a first push;
     * else null. A push without a PreviousWatermark cannot be judged and ends the check all the same.
     * The returned record replaces {@code m.current}; the caller writes it with {@link #write}. Called
     * with the mailbox's lock held, after the push's heartbeat and watermark were applied to {@code m}.
     */
    static Judged judge(MailboxState m, String previousWatermark, long epoch, Instant now) {
        SubscriptionState s = m.current;
        if (s == null || s.firstPushFrom() == null) {
            return null;
        }
        boolean gap = previousWatermark != null && !s.firstPushFrom().contains(previousWatermark);
        SubscriptionState cleared = StateBuilder.withLiveSignals(m).firstPushFrom(null).build(epoch, now);
        m.current = cleared;
        if (gap) {
            m.lastResyncAt = now;
        }
        return new Judged(cleared, gap);
    }

    /**
     * Writes the judged record, and for a broken chain a RESYNC of the mailbox (unless {@code resyncPending}:
     * one is already on its way). Called without the mailbox's lock.
     */
    static void write(PartitionStore store, String mailbox, Judged judged, boolean resyncPending, Instant now) {
        Batch batch = Batch.of(judged.cleared());
        if (judged.gap() && !resyncPending) {
            log.info("Events of {} may have been missed before the first push of its EWS subscription; resync requested",
                    mailbox);
            batch = batch.withResync(StateBuilder.resync(mailbox, Protocol.EWS, GAP_REASON, now));
        }
        store.submit(batch);
    }
}
