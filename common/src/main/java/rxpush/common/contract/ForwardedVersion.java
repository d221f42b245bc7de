package rxpush.common.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The last version of a booking the forwarder has pushed to ResourceXpress. Topic
 * {@code rxpush.forwarded-versions} (compacted), key = {@code bookingId}, written to the partition
 * of its mailbox ({@link rxpush.common.kafka.Partitions#forMailbox}) so it is co-partitioned with
 * the notifications it answers.
 *
 * @param bookingId      the RX booking id
 * @param mailbox        lowercased mailbox
 * @param itemId         the source item id
 * @param changeKey      the item's change key / etag when pushed
 * @param lastModified   the item's lastModified when pushed
 * @param deleted        true when the last push was a DELETE
 * @param idempotencyKey the Idempotency-Key that was sent
 * @param forwardedAt    when RX accepted it
 * @param seriesMasterBookingId for an occurrence or exception of a series, the RX booking id of its
 *                       series master (so that a change to the series reaches the occurrences RX
 *                       holds), else null. Added later within schema version 1: absent from the JSON
 *                       when null, and read as null from records written before it existed
 */
public record ForwardedVersion(int schemaVersion, String bookingId, String mailbox, String itemId,
        String changeKey, Instant lastModified, boolean deleted, String idempotencyKey, Instant forwardedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String seriesMasterBookingId) {

    public ForwardedVersion {
        schemaVersion = SchemaVersions.check(schemaVersion, "ForwardedVersion");
        Require.text(bookingId, "bookingId");
        mailbox = Require.mailbox(mailbox, "mailbox");
        Require.text(itemId, "itemId");
        Require.text(idempotencyKey, "idempotencyKey");
        Require.present(forwardedAt, "forwardedAt");
    }

    public String key() {
        return bookingId;
    }
}
