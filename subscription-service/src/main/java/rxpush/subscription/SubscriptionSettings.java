package rxpush.subscription;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * The subscription service's own settings, {@code rxpush.subscription.*}.
 *
 * @param processInterval        time between maintenance passes (legacy {@code ProcessSubscriptionInterval};
 *                               a plain number means minutes). Event-driven work (new mailbox, lifecycle
 *                               event, MISSED, due renewal) does not wait for it.
 * @param groupId                Kafka consumer group whose partition assignment decides which instance owns
 *                               which mailboxes; also the prefix of the transactional ids
 *                               ({@code <group-id>-p<partition>})
 * @param sessionTimeout         consumer session timeout (classic group protocol): how long a killed owner
 *                               keeps its mailboxes before the group reassigns them
 * @param heartbeatInterval      consumer heartbeat interval, at most a third of the session timeout
 * @param graphLifetime          lifetime requested for a Graph subscription; Graph caps Outlook event
 *                               subscriptions at 10,080 minutes, the default stays 10 minutes under it so
 *                               that clock skew never makes Graph refuse the request
 * @param graphRenewFraction     renew a Graph subscription once this fraction of its lifetime has passed
 *                               (0.5: at half life, leaving days of retries when a renewal fails)
 * @param maxConcurrentRequests  Exchange/Graph requests in flight at once, all mailboxes together (each
 *                               mailbox has at most one)
 * @param ewsRequestsPerSecond   throttle budget for EWS Subscribe requests
 * @param graphRequestsPerSecond throttle budget for Graph subscription requests (create, renew, delete)
 * @param requestTimeout         timeout of one Exchange/Graph request
 * @param obsoleteRetention      how long a replaced or removed subscription stays OBSOLETE in the registry
 *                               (so ingress answers its pushes with Unsubscribe) before it is tombstoned;
 *                               longer than the EWS status frequency
 * @param statePersistInterval   how often an EWS subscription's last heartbeat and watermark are written
 *                               back to the registry (a new owner resubscribes from that watermark)
 * @param orphanSweepInterval    how often the maintenance pass lists the app's Graph subscriptions and
 *                               deletes those the registry does not know; 0 disables
 * @param progressLogInterval    how often progress (done/total, rate, ETA) is logged while many mailboxes
 *                               are being subscribed
 * @param topicPrefix            prefix of every topic name; empty in production (tests sharing one broker)
 * @param reconcileInterval      how often each ACTIVE mailbox's sync window is re-read (a RESYNC request for
 *                               the forwarder), the safety net behind every notification path and what
 *                               adds the occurrences entering the rolling window; mailboxes are spread over
 *                               the interval by their address; 0 disables
 * @param reconcileMaxPerPass    at most this many reconcile RESYNCs requested per maintenance pass and
 *                               instance (the rest wait for the next pass), bounding the forwarder's reads
 */
public record SubscriptionSettings(
        @DefaultValue("5") @DurationUnit(ChronoUnit.MINUTES) @NotNull Duration processInterval,
        @DefaultValue("rxpush-subscription") @NotBlank String groupId,
        @DefaultValue("10s") @NotNull Duration sessionTimeout,
        @DefaultValue("3s") @NotNull Duration heartbeatInterval,
        @DefaultValue("10070m") @NotNull Duration graphLifetime,
        @DefaultValue("0.5") @DecimalMin("0.1") @DecimalMax("0.9") double graphRenewFraction,
        @DefaultValue("8") @Min(1) @Max(1000) int maxConcurrentRequests,
        @DefaultValue("20") @DecimalMin("0.01") double ewsRequestsPerSecond,
        @DefaultValue("20") @DecimalMin("0.01") double graphRequestsPerSecond,
        @DefaultValue("30s") @NotNull Duration requestTimeout,
        @DefaultValue("2d") @NotNull Duration obsoleteRetention,
        @DefaultValue("1h") @NotNull Duration statePersistInterval,
        @DefaultValue("1h") @NotNull Duration orphanSweepInterval,
        @DefaultValue("10s") @NotNull Duration progressLogInterval,
        @DefaultValue("") String topicPrefix,
        @DefaultValue("1d") @NotNull Duration reconcileInterval,
        @DefaultValue("100") @Min(1) @Max(100_000) int reconcileMaxPerPass) {

    /** Graph's cap for Outlook event subscriptions. */
    public static final Duration GRAPH_MAX_LIFETIME = Duration.ofMinutes(10_080);

    public SubscriptionSettings {
        topicPrefix = topicPrefix == null ? "" : topicPrefix;
        positive(processInterval, "process-interval");
        positive(sessionTimeout, "session-timeout");
        positive(heartbeatInterval, "heartbeat-interval");
        positive(requestTimeout, "request-timeout");
        positive(statePersistInterval, "state-persist-interval");
        positive(progressLogInterval, "progress-log-interval");
        if (graphLifetime != null && (graphLifetime.compareTo(Duration.ofMinutes(45)) < 0
                || graphLifetime.compareTo(GRAPH_MAX_LIFETIME) > 0)) {
            throw new IllegalArgumentException("rxpush.subscription.graph-lifetime must be between 45 and 10080 minutes");
        }
        if (sessionTimeout != null && heartbeatInterval != null
                && heartbeatInterval.multipliedBy(3).compareTo(sessionTimeout) > 0) {
            throw new IllegalArgumentException("rxpush.subscription.heartbeat-interval must be at most a third of session-timeout");
        }
        if (orphanSweepInterval != null && orphanSweepInterval.isNegative()) {
            throw new IllegalArgumentException("rxpush.subscription.orphan-sweep-interval must not be negative");
        }
        if (reconcileInterval != null && reconcileInterval.isNegative()) {
            throw new IllegalArgumentException("rxpush.subscription.reconcile-interval must not be negative");
        }
        if (obsoleteRetention != null && obsoleteRetention.isNegative()) {
            throw new IllegalArgumentException("rxpush.subscription.obsolete-retention must not be negative");
        }
    }

    private static void positive(Duration value, String name) {
        if (value != null && (value.isZero() || value.isNegative())) {
            throw new IllegalArgumentException("rxpush.subscription." + name + " must be positive");
        }
    }

    /** When a Graph subscription created or renewed at lifetime start is due for renewal. */
    public Duration graphRenewAfter() {
        return Duration.ofMillis((long) (graphLifetime.toMillis() * graphRenewFraction));
    }

    /** Defaults, for tests and tools that do not bind properties. */
    public static SubscriptionSettings defaults() {
        return new SubscriptionSettings(Duration.ofMinutes(5), "rxpush-subscription", Duration.ofSeconds(10),
                Duration.ofSeconds(3), Duration.ofMinutes(10_070), 0.5, 8, 20, 20, Duration.ofSeconds(30),
                Duration.ofDays(2), Duration.ofHours(1), Duration.ofHours(1), Duration.ofSeconds(10), "", Duration.ofDays(1), 100);
    }
}
