package rxpush.common.contract;

import java.time.Instant;

/**
 * One normalized change hint from EWS or Graph (or a RESYNC request from rx-push itself).
 *
 * <p>Notifications are hints, not data: the forwarder always re-reads the item from Exchange. Topic
 * key: the lowercased mailbox, so that one mailbox's hints stay in order on one partition.
 *
 * @param schemaVersion     wire format version, {@link SchemaVersions#CURRENT} when written
 * @param notificationId    stable id for dedupe: the same hint delivered twice has the same id
 * @param source            EWS or GRAPH
 * @param mailbox           lowercased SMTP address of the mailbox the change is in
 * @param subscriptionId    the Exchange/Graph subscription that delivered it (null for RESYNC)
 * @param changeType        what happened
 * @param itemId            the item (EWS ItemId or Graph event id); null for mailbox-level types
 * @param oldItemId         the item's previous id for MOVED (EWS OldItemId), else null
 * @param changeKey         EWS ChangeKey or Graph etag when known, else null
 * @param watermark         EWS watermark of this event, else null
 * @param previousWatermark EWS PreviousWatermark of the notification that carried it, else null
 * @param eventTime         when Exchange says it happened (EWS TimeStamp); null when not given
 * @param receivedAt        when rx-push received it
 * @param reason            free text for MISSED and RESYNC (why), else null; never a secret
 */
public record ChangeNotification(
        int schemaVersion,
        String notificationId,
        Source source,
        String mailbox,
        String subscriptionId,
        ChangeType changeType,
        String itemId,
        String oldItemId,
        String changeKey,
        String watermark,
        String previousWatermark,
        Instant eventTime,
        Instant receivedAt,
        String reason) {

    public ChangeNotification {
        schemaVersion = SchemaVersions.check(schemaVersion, "ChangeNotification");
        Require.text(notificationId, "notificationId");
        Require.present(source, "source");
        mailbox = Require.mailbox(mailbox, "mailbox");
        Require.present(changeType, "changeType");
        Require.present(receivedAt, "receivedAt");
        if (changeType.isItemChange()) {
            Require.text(itemId, "itemId (for " + changeType + ")");
        }
        if (changeType == ChangeType.MOVED) {
            Require.text(oldItemId, "oldItemId (for MOVED)");
        }
    }

    /** The Kafka record key: the lowercased mailbox. */
    public String key() {
        return mailbox;
    }
}
