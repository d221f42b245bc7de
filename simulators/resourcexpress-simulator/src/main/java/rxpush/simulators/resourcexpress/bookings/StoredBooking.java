package rxpush.simulators.resourcexpress.bookings;

import java.time.Instant;
import rxpush.common.contract.BookingUpdate;

/**
 * A booking as RX holds it.
 *
 * @param bookingId the id from the URL path (equal to {@code booking.bookingId()})
 * @param booking the body of the PUT that stored this version
 * @param storedAt when it was applied (the simulator's clock)
 * @param idempotencyKey the key of the write that stored it
 */
public record StoredBooking(String bookingId, BookingUpdate booking, Instant storedAt, String idempotencyKey) {

    public BookingVersion version() {
        return BookingVersion.of(booking);
    }
}
