package rxpush.simulators.resourcexpress.verify;

import java.time.Instant;
import rxpush.common.contract.BookingIds;

/**
 * One calendar item as Exchange holds it now.
 *
 * @param itemId the source item id (JSON also accepts {@code id})
 * @param changeKey its change key
 * @param lastModified its last modification (JSON also accepts {@code lastModifiedDateTime})
 * @param cancelled whether it is cancelled or deleted (JSON also accepts {@code isCancelled}, {@code deleted})
 * @param sequence the generator's change number, for tracing a finding back (optional)
 * @param bookingId the RX booking id if the truth names it; otherwise derived from mailbox and item id
 */
public record TruthItem(String itemId, String changeKey, Instant lastModified, boolean cancelled, Long sequence,
        String bookingId) {

    public TruthItem {
        if (itemId == null || itemId.isBlank()) {
            throw new IllegalArgumentException("a truth item needs an itemId");
        }
    }

    public TruthItem(String itemId, String changeKey, Instant lastModified, boolean cancelled) {
        this(itemId, changeKey, lastModified, cancelled, null, null);
    }

    /** The booking RX should hold for this item of {@code mailbox}. */
    public String bookingIdIn(String mailbox) {
        return bookingId != null ? bookingId : BookingIds.bookingId(mailbox, itemId);
    }
}
