package rxpush.common.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * One subscription rx-push made for a mailbox. Topic {@code rxpush.subscriptions} (compacted),
 * key = {@link #id()}; at most one ACTIVE record per mailbox, replaced ones stay OBSOLETE until the
 * subscription service tombstones them.
 *
 * <p>Secrets are never stored here in the clear: {@code ingressTokenHash} and {@code clientStateHash}
 * are {@link SecretHash SHA-256 hashes}, so ingress can check what Exchange/Graph present without the
 * topic holding anything that would let a reader forge a notification.
 *
 * @param id                rx-push's own id for this subscription (not secret; the record key)
 * @param mailbox           lowercased SMTP address
 * @param protocol          EWS or GRAPH
 * @param subscriptionId    Exchange's or Graph's id; null while PENDING
 * @param status            PENDING, ACTIVE or OBSOLETE
 * @param createdAt         when rx-push created it
 * @param expiresAt         Graph expirationDateTime; null for EWS push (it lives while it is answered)
 * @param watermark         last EWS watermark seen, else null
 * @param watermarkAt       when that watermark was seen (EWS watermarks expire after 30 days)
 * @param ownerEpoch        a number that grows with each change of owner of the mailbox's partition
 * @param ingressTokenHash  hash of the EWS NotificationUrl token, else null
 * @param clientStateHash   hash of the Graph clientState secret, else null
 * @param health            the subscription service's judgement
 * @param lastNotificationAt last item notification seen, else null
 * @param lastHeartbeatAt   last EWS StatusEvent (or any push) seen, else null
 * @param lastError         last error, short and free of secrets, else null
 * @param updatedAt         when this record was written
 * @param firstPushFrom     for an EWS subscription whose first push has not been seen yet, the
 *                          PreviousWatermark values that push may carry (the watermark Subscribe
 *                          answered with, and the one the subscription was resumed from); else null.
 *                          Kept in the record so that an owner taking over between Subscribe and the
 *                          first push still checks it. Added later within schema version 1: absent
 *                          from the JSON when null, and read as null from records written before it
 */
public record SubscriptionState(
        int schemaVersion,
        String id,
        String mailbox,
        Protocol protocol,
        String subscriptionId,
        SubscriptionStatus status,
        Instant createdAt,
        Instant expiresAt,
        String watermark,
        Instant watermarkAt,
        long ownerEpoch,
        String ingressTokenHash,
        String clientStateHash,
        SubscriptionHealth health,
        Instant lastNotificationAt,
        Instant lastHeartbeatAt,
        String lastError,
        Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> firstPushFrom) {

    public SubscriptionState {
        schemaVersion = SchemaVersions.check(schemaVersion, "SubscriptionState");
        Require.text(id, "id");
        mailbox = Require.mailbox(mailbox, "mailbox");
        Require.present(protocol, "protocol");
        Require.present(status, "status");
        Require.present(createdAt, "createdAt");
        Require.present(health, "health");
        Require.present(updatedAt, "updatedAt");
        if (status != SubscriptionStatus.PENDING) {
            Require.text(subscriptionId, "subscriptionId (once " + status + ")");
        }
        if (protocol == Protocol.EWS) {
            Require.text(ingressTokenHash, "ingressTokenHash (for EWS)");
        } else {
            Require.text(clientStateHash, "clientStateHash (for GRAPH)");
        }
        if (firstPushFrom != null) {
            if (protocol != Protocol.EWS || firstPushFrom.isEmpty() || firstPushFrom.stream().anyMatch(w -> w == null)) {
                throw new IllegalArgumentException("firstPushFrom must be null, or watermarks of an EWS subscription");
            }
            firstPushFrom = List.copyOf(firstPushFrom);
        }
    }

    /** A record without a first-push expectation (what every record was before it existed). */
    public SubscriptionState(int schemaVersion, String id, String mailbox, Protocol protocol, String subscriptionId,
            SubscriptionStatus status, Instant createdAt, Instant expiresAt, String watermark, Instant watermarkAt,
            long ownerEpoch, String ingressTokenHash, String clientStateHash, SubscriptionHealth health,
            Instant lastNotificationAt, Instant lastHeartbeatAt, String lastError, Instant updatedAt) {
        this(schemaVersion, id, mailbox, protocol, subscriptionId, status, createdAt, expiresAt, watermark, watermarkAt,
                ownerEpoch, ingressTokenHash, clientStateHash, health, lastNotificationAt, lastHeartbeatAt, lastError,
                updatedAt, null);
    }

    public String key() {
        return id;
    }
}
