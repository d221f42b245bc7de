package rxpush.simulators.resourcexpress.bookings;

import java.util.Map;

/**
 * The HTTP answer to a write, recorded under its Idempotency-Key so a replay gets exactly the
 * same status, headers and bytes.
 *
 * @param status HTTP status
 * @param body JSON body, or {@code null} for none (204)
 * @param headers extra headers (e.g. {@code Location}); never null
 */
public record WriteAnswer(int status, String body, Map<String, String> headers) {

    public WriteAnswer {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
