package rxpush.subscription.engine;

/**
 * What an operator needs to know about one mailbox in one word: the states the status page, the CLI
 * and the {@code rxpush_subscription_mailboxes} gauge count. Derived from the subscription record and
 * the owner's live signals (never stored).
 */
public enum SyncState {
    /** Subscribed, and notifications or heartbeats arrive on time (or a retried failure that still delivers). */
    ACTIVE,
    /** No working subscription yet: being created, or creation is failing and retried. */
    PENDING,
    /** Events were missed and a resync or resubscription from the watermark is under way. */
    RECOVERING,
    /** Silent past its deadline (EWS), removed or expired (Graph): changes are not arriving now. */
    LAPSED,
    /**
     * Stopped for a mailbox-scoped error an operator must fix (for example no permission on the room).
     * The engine parks a mailbox when Exchange or Graph refuses it permanently ({@code parkedReason}).
     */
    PARKED,
    /** Removed from the registry or disabled: nothing is expected. */
    DISABLED;

    static SyncState of(MailboxState m, java.time.Instant now, Planner.Timing timing) {
        if (!m.desired()) {
            return DISABLED;
        }
        if (m.parkedReason != null) {
            return PARKED;
        }
        var current = m.current;
        if (current == null || current.status() != rxpush.common.contract.SubscriptionStatus.ACTIVE) {
            return PENDING;
        }
        if (current.health() != null) {
            switch (current.health()) {
                case LAPSED -> {
                    return LAPSED;
                }
                case RECOVERING -> {
                    return RECOVERING;
                }
                default -> {
                }
            }
        }
        if (current.protocol() == rxpush.common.contract.Protocol.EWS) {
            if (m.recoverRequested) {
                return RECOVERING;
            }
            if (!now.isBefore(Planner.ewsDeadline(m, timing))) {
                return LAPSED;
            }
        } else if (current.expiresAt() != null && !now.isBefore(current.expiresAt())) {
            return LAPSED;
        }
        return ACTIVE;
    }
}
