package rxpush.simulators.resourcexpress.bookings;

import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import rxpush.common.kafka.ContractJson;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON of the simulator: the contract mapping (ISO-8601 instants, nulls written) for everything it
 * writes, and a strict reader (unknown fields rejected) for its own control inputs, so a typo in a
 * fault switch is an error rather than a silently ignored setting.
 */
public final class SimJson {

    public static final MediaType JSON_UTF8 = new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8);

    private static final JsonMapper STRICT = ContractJson.mapper().rebuild()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // an omitted switch is off (0 / false), not an error
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private SimJson() {
    }

    /** Tolerant mapper (the contract's): unknown fields ignored. */
    public static JsonMapper mapper() {
        return ContractJson.mapper();
    }

    /** Strict mapper: unknown fields fail. */
    public static JsonMapper strict() {
        return STRICT;
    }

    public static String write(Object value) {
        return ContractJson.mapper().writeValueAsString(value);
    }

    /** A JSON answer ({@code application/json; charset=UTF-8}) with this mapping. */
    public static ResponseEntity<String> answer(int status, Object value) {
        return ResponseEntity.status(status).contentType(JSON_UTF8).body(write(value));
    }
}
