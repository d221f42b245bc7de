package rxpush.simulators.resourcexpress.verify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import rxpush.common.contract.BookingIds;

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
 */
public record TruthItem(String itemId, List<String> otherItemIds, String changeKey, Instant lastModified,
        boolean cancelled, Long sequence, String bookingId) {

    public TruthItem {
        if (itemId == null || itemId.isBlank()) {
            throw new IllegalArgumentException("a truth item needs an itemId");
        }
        otherItemIds = otherItemIds == null ? List.of() : List.copyOf(otherItemIds);
    }

    public TruthItem(String itemId, String changeKey, Instant lastModified, boolean cancelled) {
        this(itemId, List.of(), changeKey, lastModified, cancelled, null, null);
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
