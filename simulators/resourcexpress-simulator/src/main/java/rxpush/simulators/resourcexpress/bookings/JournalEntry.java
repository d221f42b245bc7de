package rxpush.simulators.resourcexpress.bookings;

import java.time.Instant;
import rxpush.common.contract.BookingUpdate;
import tools.jackson.databind.JsonNode;

/**
 * One recorded write, a line of the data file. Replaying the lines in order rebuilds the bookings,
 * the Idempotency-Key records and the application counts.
 *
 * @param method PUT or DELETE
 * @param at when it was processed
 * @param idempotencyKey the write's key
 * @param fingerprint what the key was used for (method, booking, body hash)
 * @param answer the recorded answer
 * @param applied whether it changed RX state
 * @param bookingId the booking
 * @param booking the stored body (applied PUTs only)
 * @param recurrence the body's recurrence (a series master's), or null; absent in files written before
 */
record JournalEntry(String method, Instant at, String idempotencyKey, String fingerprint, WriteAnswer answer,
        boolean applied, String bookingId, BookingUpdate booking, JsonNode recurrence) {
}
