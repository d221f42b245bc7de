package rxpush.simulators.resourcexpress.bookings;

import java.time.Instant;
import rxpush.common.contract.BookingUpdate;

/**
 * One version of one booking: what a 409 names, and the unit of "applied at most once".
 *
 * @param bookingId the booking
 * @param changeKey the source item's change key (Exchange's version stamp)
 * @param lastModified the source item's last modification, the ordering key
 */
public record BookingVersion(String bookingId, String changeKey, Instant lastModified) {

    public static BookingVersion of(BookingUpdate update) {
        return new BookingVersion(update.bookingId(), update.changeKey(), update.lastModified());
    }
}
