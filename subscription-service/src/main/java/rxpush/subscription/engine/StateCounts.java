package rxpush.subscription.engine;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import rxpush.common.contract.Protocol;

/**
 * This instance's mailboxes counted by protocol and {@link SyncState}, and the earliest expiry of an
 * active subscription per protocol (Graph subscriptions expire; EWS push subscriptions do not, so
 * theirs stays null), and the progress of the subscribe backlog (start-up, takeover, bulk
 * registration: the reconcile). One pass over the owned mailboxes, no sorting: cheap enough for
 * every scrape.
 */
public record StateCounts(Map<Protocol, Map<SyncState, Long>> counts, Map<Protocol, Instant> earliestExpiry,
        long backlogDone, long backlogTotal) {

    public long count(Protocol protocol, SyncState state) {
        return counts.getOrDefault(protocol, Map.of()).getOrDefault(state, 0L);
    }

    static StateCounts of(SubscriptionEngine engine) {
        Instant now = engine.clock.instant();
        Planner.Timing timing = engine.settings.timing();
        Map<Protocol, Map<SyncState, Long>> counts = new EnumMap<>(Protocol.class);
        Map<Protocol, Instant> earliest = new EnumMap<>(Protocol.class);
        for (MailboxState m : engine.mailboxes.values()) {
            synchronized (m) {
                Protocol protocol = m.protocol();
                if (protocol == null) {
                    continue;
                }
                SyncState state = SyncState.of(m, now, timing);
                counts.computeIfAbsent(protocol, p -> new EnumMap<>(SyncState.class)).merge(state, 1L, Long::sum);
                Instant expiresAt = m.active() && m.desired() ? m.current.expiresAt() : null;
                if (expiresAt != null) {
                    earliest.merge(protocol, expiresAt, (a, b) -> a.isBefore(b) ? a : b);
                }
            }
        }
        Progress.Snapshot backlog = engine.progress.snapshot();
        return new StateCounts(counts, earliest, backlog.done(), backlog.total());
    }
}
