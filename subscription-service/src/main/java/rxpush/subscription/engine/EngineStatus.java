package rxpush.subscription.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import rxpush.common.contract.Protocol;

/**
 * The instance-wide status: owned partitions, counts by state and health, subscribe progress and
 * throttling pauses.
 *
 * @param ownedPartitions   mailbox-topic partitions this instance owns
 * @param mailboxes         mailboxes of those partitions
 * @param byState           NONE / PENDING / ACTIVE counts
 * @param byHealth          counts by health of current subscriptions
 * @param subscribeDone     mailboxes of the current subscribe backlog done
 * @param subscribeTotal    size of the current subscribe backlog
 * @param subscribePerSecond rate of the backlog
 * @param subscribeEta      estimated time left, null when unknown
 * @param queued            mailboxes with a next action queued
 * @param inFlight          requests in flight
 * @param pausedUntil       per protocol, when a throttling pause ends (absent when not paused)
 */
public record EngineStatus(
        List<Integer> ownedPartitions,
        int mailboxes,
        Map<String, Long> byState,
        Map<String, Long> byHealth,
        long subscribeDone,
        long subscribeTotal,
        double subscribePerSecond,
        Duration subscribeEta,
        int queued,
        int inFlight,
        Map<Protocol, Instant> pausedUntil) {

    static EngineStatus of(SubscriptionEngine engine) {
        Map<String, Long> byState = new TreeMap<>();
        Map<String, Long> byHealth = new TreeMap<>();
        for (MailboxStatus s : engine.statuses()) {
            byState.merge(s.state(), 1L, Long::sum);
            if (s.health() != null) {
                byHealth.merge(s.health().name(), 1L, Long::sum);
            }
        }
        Progress.Snapshot p = engine.progress.snapshot();
        Instant now = engine.clock.instant();
        Map<Protocol, Instant> paused = new TreeMap<>();
        for (Protocol protocol : Protocol.values()) {
            Instant until = engine.dispatcher.pausedUntil(protocol);
            if (until.isAfter(now)) {
                paused.put(protocol, until);
            }
        }
        return new EngineStatus(List.copyOf(engine.ownedPartitions()), engine.mailboxes.size(), byState, byHealth,
                p.done(), p.total(), p.perSecond(), p.eta(), engine.dispatcher.queued(), engine.dispatcher.inFlight(), paused);
    }
}
