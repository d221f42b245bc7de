package rxpush.subscription.engine;

import java.time.Instant;
import rxpush.common.contract.Protocol;
import rxpush.common.contract.SubscriptionHealth;

/**
 * One mailbox as the status API shows it. Never carries a secret (no token, no clientState).
 *
 * @param address             the mailbox
 * @param protocol            EWS or GRAPH
 * @param enabled             false when the registration is disabled or removed
 * @param partition           the mailbox-topic partition that decides its owner
 * @param state               NONE, PENDING or ACTIVE
 * @param health              the service's judgement of the subscription
 * @param subscriptionId      Exchange's or Graph's id of the current subscription
 * @param expiresAt           Graph expiry (null for EWS)
 * @param lastNotificationAt  last item notification seen
 * @param lastHeartbeatAt     last EWS push (StatusEvent or events) seen
 * @param watermarkAgeSeconds age of the newest EWS watermark (recovery resumes from it under 30 days)
 * @param lastError           last failure, short and secret-free
 * @param lastErrorAt         when it happened
 * @param nextAction          CREATE, RECOVER, RENEW, RECREATE, REMOVE or NONE
 * @param nextActionAt        when it is due (a watchdog deadline for EWS)
 * @param attempts            failed attempts in a row
 * @param obsoleteSubscriptions replaced subscriptions still kept OBSOLETE
 * @param syncState           the one-word state operators filter by ({@link SyncState})
 * @param lastResyncAt        when a resync of the mailbox was last requested
 * @param parked              why the mailbox is parked (refused by Exchange/Graph until an operator fixes
 *                            permissions: the reason names the fix); null when it is not
 * @param backfill            the initial push of the whole sync window: PENDING until the mailbox is
 *                            subscribed, then REQUESTED (the RESYNC is on the notifications topic; the
 *                            forwarder applies it in order); NONE when this owner did not subscribe it
 * @param backfillRequestedAt when the backfill RESYNC was written
 * @param nextReconcileAt     when the periodic reconcile re-reads the mailbox's window next
 */
public record MailboxStatus(
        String address,
        Protocol protocol,
        boolean enabled,
        int partition,
        String state,
        SubscriptionHealth health,
        String subscriptionId,
        Instant expiresAt,
        Instant lastNotificationAt,
        Instant lastHeartbeatAt,
        Long watermarkAgeSeconds,
        String lastError,
        Instant lastErrorAt,
        String nextAction,
        Instant nextActionAt,
        int attempts,
        int obsoleteSubscriptions,
        SyncState syncState,
        Instant lastResyncAt,
        String parked,
        String backfill,
        Instant backfillRequestedAt,
        Instant nextReconcileAt) {

    static MailboxStatus of(MailboxState m, Instant now, Planner.Timing timing) {
        var current = m.current;
        Long watermarkAge = m.watermarkAt == null ? null : Math.max(0, java.time.Duration.between(m.watermarkAt, now).toSeconds());
        return new MailboxStatus(m.address, m.protocol(), m.desired(), m.partition,
                current == null ? "NONE" : current.status().name(),
                current == null ? null : current.health(),
                current == null ? null : current.subscriptionId(),
                current == null ? null : current.expiresAt(),
                m.lastNotificationAt, m.lastHeartbeatAt, watermarkAge, m.lastError, m.lastErrorAt,
                m.nextAction.name(), m.nextActionAt, m.attempts, m.obsolete.size(), SyncState.of(m, now, timing),
                m.lastResyncAt, m.parkedReason,
                m.backfillRequestedAt != null ? "REQUESTED" : m.desired() && !m.active() ? "PENDING" : "NONE",
                m.backfillRequestedAt, m.nextReconcileAt);
    }
}
