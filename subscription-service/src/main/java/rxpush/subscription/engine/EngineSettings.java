package rxpush.subscription.engine;

import java.net.URI;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Everything the engine needs from the configuration, in engine terms.
 *
 * @param ewsUrl              the push URL for a token ({@code {notification-url}/ews/notifications/{token}})
 * @param graphNotificationUrl the Graph notificationUrl (also how the orphan sweep recognizes ours)
 * @param ewsStatusFrequency  StatusFrequency of EWS subscriptions
 * @param ewsStatusGrace      extra silence tolerated before an EWS subscription counts as dead
 * @param graphLifetime       lifetime requested for Graph subscriptions
 * @param graphRenewAfter     renew once this much of the lifetime has passed
 * @param processInterval     time between maintenance passes
 * @param maxConcurrent       requests in flight overall
 * @param ewsPerSecond        EWS request budget
 * @param graphPerSecond      Graph request budget
 * @param obsoleteRetention   how long OBSOLETE records stay before they are tombstoned
 * @param statePersistInterval how stale the registry's heartbeat/watermark may get before it is rewritten
 * @param orphanSweepInterval how often Graph orphans are looked for (zero: never)
 * @param progressLogInterval how often subscribe progress is logged
 * @param partitionOf         the mailbox-topic partition of an address (decides ownership)
 * @param reconcileInterval   how often each ACTIVE mailbox's window is re-read (RESYNC); zero: never
 * @param reconcileMaxPerPass reconcile RESYNCs requested per maintenance pass at most
 */
public record EngineSettings(
        Function<String, URI> ewsUrl,
        URI graphNotificationUrl,
        Duration ewsStatusFrequency,
        Duration ewsStatusGrace,
        Duration graphLifetime,
        Duration graphRenewAfter,
        Duration processInterval,
        int maxConcurrent,
        double ewsPerSecond,
        double graphPerSecond,
        Duration obsoleteRetention,
        Duration statePersistInterval,
        Duration orphanSweepInterval,
        Duration progressLogInterval,
        ToIntFunction<String> partitionOf,
        Duration reconcileInterval,
        int reconcileMaxPerPass) {

    /** Without the periodic reconcile (tests of everything else). */
    public EngineSettings(Function<String, URI> ewsUrl, URI graphNotificationUrl, Duration ewsStatusFrequency,
            Duration ewsStatusGrace, Duration graphLifetime, Duration graphRenewAfter, Duration processInterval,
            int maxConcurrent, double ewsPerSecond, double graphPerSecond, Duration obsoleteRetention,
            Duration statePersistInterval, Duration orphanSweepInterval, Duration progressLogInterval,
            ToIntFunction<String> partitionOf) {
        this(ewsUrl, graphNotificationUrl, ewsStatusFrequency, ewsStatusGrace, graphLifetime, graphRenewAfter,
                processInterval, maxConcurrent, ewsPerSecond, graphPerSecond, obsoleteRetention, statePersistInterval,
                orphanSweepInterval, progressLogInterval, partitionOf, Duration.ZERO, 1);
    }

    /** EWS watermarks older than this are refused by Exchange: subscribe fresh and resync instead. */
    public static final Duration WATERMARK_MAX_AGE = Duration.ofDays(30);

    Planner.Timing timing() {
        return new Planner.Timing(ewsStatusFrequency.plus(ewsStatusGrace), graphLifetime, graphRenewAfter);
    }

    int statusFrequencyMinutes() {
        return (int) Math.max(1, ewsStatusFrequency.toMinutes());
    }
}
