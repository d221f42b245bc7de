package rxpush.simulators.resourcexpress.verify;

import java.net.URI;
import java.time.Clock;
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
 * {@code POST /sim/verify}: the truth is the body, or {@code {"truthUrl": ".."}}, or the
 * {@code truthUrl} query parameter, or (no body) the configured {@code rxpush.rx-simulator.truth-url};
 * {@code ?requireOccurrences=true} makes series occurrences required bookings.
 * Answers 200 with the report whether or not it is ok; read {@code ok}.
 */
@RestController
final class SimVerifyController {

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
            @RequestParam(required = false) URI truthUrl, @RequestParam(defaultValue = "false") boolean requireOccurrences) {
        Truth truth = truth(body, truthUrl);
        return SimJson.answer(200, Verifier.verify(truth, store.bookings(), store.applications(), clock.instant(),
                new VerifyOptions(requireOccurrences)));
    }

    private Truth truth(String body, URI truthUrl) {
        if (truthUrl != null) {
            return Truth.fetch(truthUrl);
        }
        if (body == null || body.isBlank()) {
            if (configuredTruthUrl == null) {
                throw new IllegalArgumentException(
                        "post the truth, or {\"truthUrl\": ...}, or set rxpush.rx-simulator.truth-url");
            }
            return Truth.fetch(configuredTruthUrl);
        }
        JsonNode tree = SimJson.mapper().readTree(body);
        if (tree.isObject() && tree.size() == 1 && tree.has("truthUrl")) {
            return Truth.fetch(URI.create(tree.get("truthUrl").asString()));
        }
        return Truth.parse(body);
    }
}
