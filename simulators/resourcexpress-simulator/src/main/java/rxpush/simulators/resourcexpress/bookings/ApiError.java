package rxpush.simulators.resourcexpress.bookings;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The one error body of the simulator: {@code error} is a stable machine code, {@code message}
 * says what to fix; {@code violations} lists every broken field of an invalid body, {@code stored}
 * names RX's version in a 409.
 *
 * @param status the HTTP status, repeated for log readers
 * @param error stable code, e.g. {@code invalid_body}, {@code stale}, {@code idempotency_key_reused}
 * @param message human-readable explanation
 * @param violations field-level problems (invalid bodies only)
 * @param stored RX's stored version (409 only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int status, String error, String message, List<Violation> violations, BookingVersion stored) {

    public ApiError(int status, String error, String message) {
        this(status, error, message, null, null);
    }

    /**
     * One broken field.
     *
     * @param field JSON path of the field, e.g. {@code attendees[0].type}
     * @param message what is wrong with it
     */
    public record Violation(String field, String message) {
    }
}
