package rxpush.common.kafka;

/**
 * Every topic rx-push uses, with its key, its value and who writes and reads it
 * (docs/architecture.md draws the same table).
 *
 * <p>The names are fixed: operators replay and reset them by name, and every instance of every
 * service must agree on them. Tests that share one broker isolate themselves by key (a unique
 * mailbox per test) or by building their own clients on unique topics.
 */
public final class Topics {

    /**
     * Item change hints and RESYNC requests. Key: mailbox. Value: {@code ChangeNotification}.
     * Written by ingress (hints) and subscription-service (RESYNC); read by forwarder-service.
     * Delete policy, 7 days by default so it can be replayed.
     */
    public static final String NOTIFICATIONS = "rxpush.notifications";

    /**
     * Subscription signals from EWS: heartbeats (STATUS, one per push, carrying the newest
     * watermark) and MISSED. Key: mailbox. Value: {@code ChangeNotification}. Written by ingress;
     * read by subscription-service.
     */
    public static final String SIGNALS = "rxpush.subscription-signals";

    /**
     * Checked Graph lifecycle notifications. Key: mailbox. Value: {@code LifecycleNotification}.
     * Written by ingress; read by subscription-service.
     */
    public static final String LIFECYCLE = "rxpush.lifecycle";

    /**
     * Desired mailboxes (compacted). Key: lowercased address. Value: {@code MailboxRegistration},
     * null to remove. Written by subscription-service (config and admin API); its partitions decide
     * ownership.
     */
    public static final String MAILBOXES = "rxpush.mailboxes";

    /**
     * Subscription registry (compacted). Key: {@code SubscriptionState.id}. Written by
     * subscription-service through fenced transactions; read by ingress (token and clientState
     * checks) and by status tools.
     */
    public static final String SUBSCRIPTIONS = "rxpush.subscriptions";

    /**
     * Last version pushed per booking (compacted). Key: bookingId, partition = its mailbox's
     * partition of {@link #NOTIFICATIONS}. Value: {@code ForwardedVersion}. Written and read by
     * forwarder-service.
     */
    public static final String FORWARDED_VERSIONS = "rxpush.forwarded-versions";

    /**
     * Records the forwarder could not apply for a permanent reason, with provenance headers
     * ({@link RxHeaders}). Same key and value as the source record.
     */
    public static final String FORWARDER_DLT = "rxpush.notifications.dlt";

    private Topics() {
    }
}
