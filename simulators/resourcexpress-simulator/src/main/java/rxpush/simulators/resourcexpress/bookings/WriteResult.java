package rxpush.simulators.resourcexpress.bookings;

/**
 * What one write did.
 *
 * @param answer the answer to send
 * @param applied whether RX state changed
 * @param replayed whether the answer is a recorded one (same Idempotency-Key, same request)
 * @param outcome a short word for the request log: created, updated, stale, deleted, absent,
 *     replayed, or the error code of an answer with an error body
 */
public record WriteResult(WriteAnswer answer, boolean applied, boolean replayed, String outcome) {
}
