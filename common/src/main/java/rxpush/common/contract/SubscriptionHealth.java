package rxpush.common.contract;

/** How well a subscription is delivering, as judged by the subscription service. */
public enum SubscriptionHealth {
    /** Notifications or heartbeats arrive on time. */
    HEALTHY,
    /** Late heartbeat, failed renewal being retried, or throttled: still expected to recover alone. */
    DEGRADED,
    /** Silent past its deadline, expired or removed: recovery is under way. */
    LAPSED,
    /** Events were missed; a resync is under way. */
    RECOVERING
}
