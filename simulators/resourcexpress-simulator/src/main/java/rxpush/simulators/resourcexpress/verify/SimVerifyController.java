package rxpush.simulators.resourcexpress.verify;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import rxpush.simulators.resourcexpress.RxSimulatorProperties;
import rxpush.simulators.resourcexpress.bookings.BookingStore;
import rxpush.simulators.resourcexpress.bookings.SimJson;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /sim/verify}: the truth is the body, or a request {@code {"truthUrl": "..", "series": true,
 * "windowBack": "P1D", "windowAhead": "P365D", "requireOccurrences": false}} (all but truthUrl optional), or
 * the {@code truthUrl} query parameter, or (no body) the configured {@code rxpush.rx-simulator.truth-url}.
 * Query parameters {@code requireOccurrences}, {@code series}, {@code windowBack}, {@code windowAhead}
 * (ISO-8601 durations, or {@code 1d}, {@code 12h}, {@code 30m}) choose the options (see
 * {@link VerifyOptions}). Answers 200 with the report whether or not it is ok; read {@code ok}.
 */
@RestController
final class SimVerifyController {

    private static final Set<String> REQUEST_FIELDS = Set.of("truthUrl", "series", "windowBack", "windowAhead",
            "requireOccurrences");

    private final BookingStore store;
    private final Clock clock;
    private final URI configuredTruthUrl;

    SimVerifyController(BookingStore store, Clock clock, RxSimulatorProperties properties) {
        this.store = store;
        this.clock = clock;
        this.configuredTruthUrl = properties.truthUrl();
    }

    @PostMapping("/sim/verify")
    ResponseEntity<String> verify(@RequestBody(required = false) String body,
            @RequestParam(required = false) URI truthUrl,
            @RequestParam(required = false) Boolean requireOccurrences,
            @RequestParam(required = false) Boolean series,
            @RequestParam(required = false) String windowBack,
            @RequestParam(required = false) String windowAhead) {
        JsonNode request = request(body);
        boolean seriesMode = flag(series, request, "series");
        VerifyOptions options = new VerifyOptions(seriesMode || flag(requireOccurrences, request, "requireOccurrences"),
                seriesMode, duration(windowBack, request, "windowBack"), duration(windowAhead, request, "windowAhead"));
        Truth truth = truth(body, request, truthUrl);
        return SimJson.answer(200, Verifier.verify(truth, store.bookings(), store.applications(), clock.instant(),
                options));
    }

    /** The body when it is a verify request rather than a truth, else null. */
    private static JsonNode request(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        JsonNode tree = SimJson.mapper().readTree(body);
        boolean isRequest = tree.isObject() && tree.has("truthUrl")
                && tree.propertyNames().stream().allMatch(REQUEST_FIELDS::contains);
        return isRequest ? tree : null;
    }

    private static boolean flag(Boolean query, JsonNode request, String field) {
        if (query != null) {
            return query;
        }
        return request != null && request.path(field).asBoolean(false);
    }

    private static Duration duration(String query, JsonNode request, String field) {
        String text = query != null ? query
                : request != null && request.path(field).isString() ? request.get(field).stringValue() : null;
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return text.startsWith("P") || text.startsWith("p") ? Duration.parse(text) : shorthand(text);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 duration (P1D) or 1d/12h/30m: " + text);
        }
    }

    private static Duration shorthand(String text) {
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 'd' -> Duration.ofDays(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'm' -> Duration.ofMinutes(amount);
            default -> throw new NumberFormatException(text);
        };
    }

    private Truth truth(String body, JsonNode request, URI truthUrl) {
        if (truthUrl != null) {
            return Truth.fetch(truthUrl);
        }
        if (request != null) {
            return Truth.fetch(URI.create(request.get("truthUrl").asString()));
        }
        if (body == null || body.isBlank()) {
            if (configuredTruthUrl == null) {
                throw new IllegalArgumentException(
                        "post the truth, or {\"truthUrl\": ...}, or set rxpush.rx-simulator.truth-url");
            }
            return Truth.fetch(configuredTruthUrl);
        }
        return Truth.parse(body);
    }
}
