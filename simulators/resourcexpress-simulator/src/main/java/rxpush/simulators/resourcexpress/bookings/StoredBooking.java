package rxpush.simulators.resourcexpress.bookings;

import java.time.Instant;
import rxpush.common.contract.BookingUpdate;
import tools.jackson.databind.JsonNode;

/**
 * A booking as RX holds it.
 *
 * @param bookingId the id from the URL path (equal to {@code booking.bookingId()})
 * @param booking the body of the PUT that stored this version
 * @param storedAt when it was applied (the simulator's clock)
 * @param idempotencyKey the key of the write that stored it
 * @param recurrence the body's {@code recurrence} as received (a series master's pattern and range), or
 *     null; kept as JSON so the simulator judges what was sent whatever {@link BookingUpdate} maps
 */
public record StoredBooking(String bookingId, BookingUpdate booking, Instant storedAt, String idempotencyKey,
        JsonNode recurrence) {

    public StoredBooking(String bookingId, BookingUpdate booking, Instant storedAt, String idempotencyKey) {
        this(bookingId, booking, storedAt, idempotencyKey, null);
    }

    public BookingVersion version() {
        return BookingVersion.of(booking);
    }
}
