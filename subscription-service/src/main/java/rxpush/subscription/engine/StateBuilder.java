package rxpush.subscription.engine;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.ChangeType;
import rxpush.common.contract.Protocol;
import rxpush.common.contract.SchemaVersions;
import rxpush.common.contract.SubscriptionHealth;
import rxpush.common.contract.SubscriptionState;
import rxpush.common.contract.SubscriptionStatus;

/** Copies a {@link SubscriptionState} with some fields changed (the record has nineteen). */
final class StateBuilder {

    private String id;
    private String mailbox;
    private Protocol protocol;
    private String subscriptionId;
    private SubscriptionStatus status;
    private Instant createdAt;
    private Instant expiresAt;
    private String watermark;
    private Instant watermarkAt;
    private long ownerEpoch;
    private String ingressTokenHash;
    private String clientStateHash;
    private SubscriptionHealth health;
    private Instant lastNotificationAt;
    private Instant lastHeartbeatAt;
    private String lastError;
    private List<String> firstPushFrom;

    private StateBuilder() {
    }

    /** A new PENDING record: written before Exchange/Graph is asked, because they call back at once. */
    static StateBuilder pending(String mailbox, Protocol protocol, Instant now) {
        StateBuilder b = new StateBuilder();
        b.id = UUID.randomUUID().toString();
        b.mailbox = mailbox;
        b.protocol = protocol;
        b.status = SubscriptionStatus.PENDING;
        b.createdAt = now;
        b.health = SubscriptionHealth.HEALTHY;
        return b;
    }

    static StateBuilder from(SubscriptionState s) {
        StateBuilder b = new StateBuilder();
        b.id = s.id();
        b.mailbox = s.mailbox();
        b.protocol = s.protocol();
        b.subscriptionId = s.subscriptionId();
        b.status = s.status();
        b.createdAt = s.createdAt();
        b.expiresAt = s.expiresAt();
        b.watermark = s.watermark();
        b.watermarkAt = s.watermarkAt();
        b.ownerEpoch = s.ownerEpoch();
        b.ingressTokenHash = s.ingressTokenHash();
        b.clientStateHash = s.clientStateHash();
        b.health = s.health();
        b.lastNotificationAt = s.lastNotificationAt();
        b.lastHeartbeatAt = s.lastHeartbeatAt();
        b.lastError = s.lastError();
        b.firstPushFrom = s.firstPushFrom();
        return b;
    }

    /** The mailbox's current record with the live heartbeat, last notification and watermark the owner holds. */
    static StateBuilder withLiveSignals(MailboxState m) {
        return from(m.current).lastHeartbeatAt(m.lastHeartbeatAt).lastNotificationAt(m.lastNotificationAt)
                .watermark(m.watermark, m.watermarkAt);
    }

    StateBuilder subscriptionId(String value) {
        subscriptionId = value;
        return this;
    }

    StateBuilder status(SubscriptionStatus value) {
        status = value;
        return this;
    }

    StateBuilder expiresAt(Instant value) {
        expiresAt = value;
        return this;
    }

    StateBuilder watermark(String value, Instant at) {
        watermark = value;
        watermarkAt = at;
        return this;
    }

    StateBuilder tokenHash(String value) {
        ingressTokenHash = value;
        return this;
    }

    StateBuilder clientStateHash(String value) {
        clientStateHash = value;
        return this;
    }

    StateBuilder health(SubscriptionHealth value) {
        health = value;
        return this;
    }

    StateBuilder lastNotificationAt(Instant value) {
        lastNotificationAt = value;
        return this;
    }

    StateBuilder lastHeartbeatAt(Instant value) {
        lastHeartbeatAt = value;
        return this;
    }

    StateBuilder lastError(String value) {
        lastError = value;
        return this;
    }

    /** The first push's expected PreviousWatermark values ({@link FirstPush}); null once judged. */
    StateBuilder firstPushFrom(List<String> value) {
        firstPushFrom = value;
        return this;
    }

    /** The record as written by the owner with {@code epoch} at {@code now}. */
    SubscriptionState build(long epoch, Instant now) {
        return new SubscriptionState(SchemaVersions.CURRENT, id, mailbox, protocol, subscriptionId, status, createdAt,
                expiresAt, watermark, watermarkAt, epoch, ingressTokenHash, clientStateHash, health, lastNotificationAt,
                lastHeartbeatAt, lastError, now, firstPushFrom);
    }

    /** A RESYNC request for the forwarder: re-read the mailbox's calendar window. */
    static ChangeNotification resync(String mailbox, Protocol protocol, String reason, Instant now) {
        return new ChangeNotification(SchemaVersions.CURRENT, "resync-" + UUID.randomUUID(), protocol.source(), mailbox,
                null, ChangeType.RESYNC, null, null, null, null, null, null, now, reason);
    }
}
