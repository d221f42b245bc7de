package rxpush.subscription.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import rxpush.common.contract.MailboxRegistration;
import rxpush.common.contract.Protocol;
import rxpush.common.contract.SubscriptionState;
import rxpush.common.contract.SubscriptionStatus;

/**
 * What the owner knows about one mailbox. Guarded by its own monitor; {@link #busy} marks the one
 * action in flight (per-mailbox concurrency is one, so two requests for a mailbox never race).
 */
final class MailboxState {

    final String address;
    final int partition;

    /** The desired registration; null when the mailbox was removed from the registry. */
    MailboxRegistration registration;
    /** The subscription serving the mailbox (ACTIVE), or being created (PENDING), or null. */
    SubscriptionState current;
    /** The PENDING record of the creation in flight, else null. */
    SubscriptionState pending;
    /** Replaced or removed subscriptions kept OBSOLETE (ingress unsubscribes them) until tombstoned. */
    final List<SubscriptionState> obsolete = new ArrayList<>();

    // Live signals (newer than what the registry holds until the next persist).
    Instant lastHeartbeatAt;
    Instant lastNotificationAt;
    String watermark;
    Instant watermarkAt;
    /** The watermark before the most recent push, and that push's receive time (for MISSED recovery). */
    String watermarkBeforePush;
    Instant watermarkBeforePushAt;
    Instant lastPushAt;
    /** The watermark to resume from after a MISSED signal: the last one seen before the gap. */
    String recoveryWatermark;
    Instant recoveryWatermarkAt;
    /** The current EWS subscription's watermark chain, judged at each push. */
    final WatermarkChain chain = new WatermarkChain();
    /** A RECOVER must request a RESYNC when done (Exchange said, by an error push, that events were lost). */
    boolean resyncAfterRecovery;
    /** Graph asked for reauthorization at this time: notifications may be held back from then until renewed. */
    Instant pausedSince;
    /** When the backfill (RESYNC of the whole window after the mailbox became ACTIVE) was requested. */
    Instant backfillRequestedAt;
    /** When the periodic reconcile (a RESYNC of the window) is next due; null until the mailbox is ACTIVE. */
    Instant nextReconcileAt;
    /** Start of the EWS watchdog's silence window: activation or takeover, whichever is later. */
    Instant watchSince;
    /** A StatusEvent that arrived while the subscription was still PENDING (Exchange sends one at once). */
    String earlySubscriptionId;
    Instant earlySignalAt;
    String earlyWatermark;
    String earlyPreviousWatermark;

    // Requested work.
    boolean recoverRequested;
    boolean recreateRequested;
    boolean renewRequested;
    String requestReason;
    /** When lifecycle-driven work was last done, to ignore repeats of an event already acted on. */
    Instant lastRenewedAt;
    Instant lastRecreatedAt;
    Instant lastResyncAt;
    /**
     * A Graph {@code missed} that arrived within {@link Signals#MIN_RESYNC_INTERVAL} of the last RESYNC:
     * when it was received, else null. Maintenance issues one RESYNC for all of them once the interval
     * has passed, unless a later RESYNC covered it.
     */
    Instant resyncDeferredSince;

    // Retry and status.
    int attempts;
    Instant notBefore;
    String lastError;
    Instant lastErrorAt;
    /**
     * Why the mailbox is parked: Exchange or Graph refused it for a reason retrying soon will not fix
     * (no impersonation right, an access policy without it, EWS blocked by policy). Retried once per
     * maintenance pass, at once on a resync or re-enable; cleared by the next success. Null when not.
     */
    String parkedReason;
    boolean busy;
    Planner.Kind nextAction = Planner.Kind.NONE;
    Instant nextActionAt;
    /** Counted in the current subscribe-progress total. */
    boolean inProgressTotal;

    MailboxState(String address, int partition) {
        this.address = address;
        this.partition = partition;
    }

    boolean desired() {
        return registration != null && registration.enabled();
    }

    Protocol protocol() {
        return registration != null ? registration.protocol() : current != null ? current.protocol() : null;
    }

    boolean active() {
        return current != null && current.status() == SubscriptionStatus.ACTIVE;
    }

    /** The subscription id of the ACTIVE subscription, else null. */
    String activeSubscriptionId() {
        return active() ? current.subscriptionId() : null;
    }

    void clearRequests() {
        recoverRequested = false;
        recreateRequested = false;
        renewRequested = false;
        requestReason = null;
        recoveryWatermark = null;
        recoveryWatermarkAt = null;
        resyncAfterRecovery = false;
    }

    void failed(String error, Instant now, Instant retryAt) {
        attempts++;
        lastError = error;
        lastErrorAt = now;
        notBefore = retryAt;
    }

    void succeeded() {
        attempts = 0;
        notBefore = null;
        parkedReason = null;
    }
}
