package rxpush.subscription.ops;

import java.time.Instant;
import rxpush.common.contract.Protocol;
import rxpush.common.contract.SubscriptionHealth;
import rxpush.subscription.engine.MailboxStatus;
import rxpush.subscription.engine.SyncState;

/**
 * One mailbox as the status page and {@code rxpush status} show it. Never carries a secret.
 *
 * @param lag          records of the mailbox's notifications partition the forwarders have not committed
 *                     (from the brokers; shared by the mailboxes of that partition), -1 when unknown
 * @param fix          what to do about {@code lastError}
 * @param parkedReason why the mailbox is PARKED (null otherwise)
 * @param owner        client id of the owning instance
 */
public record StatusRow(
        String address,
        Protocol protocol,
        SyncState state,
        SubscriptionHealth health,
        String subscriptionId,
        Instant expiresAt,
        Instant lastNotificationAt,
        Instant lastHeartbeatAt,
        Instant lastResyncAt,
        String lastError,
        Instant lastErrorAt,
        String fix,
        String parkedReason,
        long lag,
        String nextAction,
        Instant nextActionAt,
        int partition,
        String owner) {

    static StatusRow of(MailboxStatus s, long lag, String owner) {
        return new StatusRow(s.address(), s.protocol(), s.syncState(), s.health(), s.subscriptionId(), s.expiresAt(),
                s.lastNotificationAt(), s.lastHeartbeatAt(), s.lastResyncAt(), s.lastError(), s.lastErrorAt(),
                Fixes.forError(s.lastError()), s.syncState() == SyncState.PARKED ? s.lastError() : null, lag,
                s.nextAction(), s.nextActionAt(), s.partition(), owner);
    }
}
