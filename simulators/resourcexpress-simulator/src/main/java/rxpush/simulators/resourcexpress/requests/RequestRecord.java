package rxpush.simulators.resourcexpress.requests;

import java.time.Instant;

/**
 * One request to the RX API ({@code /api/push/v1/**}) as the simulator answered it. Never holds
 * the API key or the body.
 *
 * @param seq 1, 2, 3... since start or reset; the fault dice are rolled per seq
 * @param at when it arrived (the simulator's clock)
 * @param method HTTP method
 * @param path request path
 * @param bookingId the booking in the path, if any
 * @param idempotencyKey the Idempotency-Key header, if any
 * @param status the status sent, or 0 when the connection was dropped without an answer
 * @param applied whether RX state changed
 * @param replayed whether a recorded answer was sent again (same key, same request)
 * @param outcome a short word: created, updated, stale, deleted, absent, replayed, key-reused,
 *     invalid, found, not-found, healthy, unauthorized, throttled, server-error, lost-response,
 *     down, dropped
 */
public record RequestRecord(long seq, Instant at, String method, String path, String bookingId,
        String idempotencyKey, int status, boolean applied, boolean replayed, String outcome) {
}
