package rxpush.simulators.resourcexpress.verify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import rxpush.common.contract.BookingIds;
import tools.jackson.databind.JsonNode;

/**
 * One calendar item (or occurrence) as Exchange holds it now.
 *
 * @param itemId the source item id (JSON: {@code itemId}, {@code id}, {@code ewsId} or {@code immutableId},
 *     the first present)
 * @param otherItemIds further ids of the same item (JSON: the rest of those), e.g. the Graph immutable id
 *     beside the EWS id: RX may hold the item under any one of them
 * @param changeKey its change key
 * @param lastModified its last modification (JSON also accepts {@code lastModifiedDateTime})
 * @param cancelled whether it is cancelled or deleted (JSON also accepts {@code isCancelled}, {@code deleted})
 * @param sequence the generator's change number, for tracing a finding back (optional)
 * @param bookingId the RX booking id if the truth names it; otherwise derived from mailbox and item id
 * @param type SINGLE, OCCURRENCE, EXCEPTION or SERIES_MASTER (JSON {@code type}, Graph's
 *     singleInstance/occurrence/exception/seriesMaster accepted), or null when the truth does not say
 * @param start its start (for the sync window and the slot), or null
 * @param end its end, or null
 * @param seriesMasterIds an occurrence's master ids (JSON {@code seriesMasterId}, {@code seriesMasterEwsId},
 *     {@code seriesMasterImmutableId}): RX's {@code seriesMasterId} must be the master's bookingId under one
 * @param recurrence a master's pattern and range in Graph's patternedRecurrence shape, or null
 */
public record TruthItem(String itemId, List<String> otherItemIds, String changeKey, Instant lastModified,
        boolean cancelled, Long sequence, String bookingId, String type, Instant start, Instant end,
        List<String> seriesMasterIds, JsonNode recurrence) {

    public TruthItem {
        if (itemId == null || itemId.isBlank()) {
            throw new IllegalArgumentException("a truth item needs an itemId");
        }
        otherItemIds = otherItemIds == null ? List.of() : List.copyOf(otherItemIds);
        seriesMasterIds = seriesMasterIds == null ? List.of() : List.copyOf(seriesMasterIds);
    }

    public TruthItem(String itemId, List<String> otherItemIds, String changeKey, Instant lastModified,
            boolean cancelled, Long sequence, String bookingId) {
        this(itemId, otherItemIds, changeKey, lastModified, cancelled, sequence, bookingId, null, null, null, null,
                null);
    }

    public TruthItem(String itemId, String changeKey, Instant lastModified, boolean cancelled) {
        this(itemId, List.of(), changeKey, lastModified, cancelled, null, null);
    }

    /** Whether this is a series master. */
    public boolean isMaster() {
        return "SERIES_MASTER".equals(type);
    }

    /** Whether this is an occurrence or an exception of a series. */
    public boolean isOccurrence() {
        return "OCCURRENCE".equals(type) || "EXCEPTION".equals(type);
    }

    /** Every booking id RX may hold this item of {@code mailbox} under; the first is the usual one. */
    public List<String> bookingIdsIn(String mailbox) {
        if (bookingId != null) {
            return List.of(bookingId);
        }
        List<String> ids = new ArrayList<>();
        ids.add(BookingIds.bookingId(mailbox, itemId));
        otherItemIds.forEach(other -> ids.add(BookingIds.bookingId(mailbox, other)));
        return ids;
    }
}
