package rxpush.simulators.resourcexpress.faults;

import java.time.Duration;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import rxpush.simulators.resourcexpress.bookings.SimJson;

/**
 * The fault switches over HTTP: {@code GET /sim/faults}, {@code PUT /sim/faults} (replaces all
 * switches; omitted ones are off, an omitted seed is kept), {@code DELETE /sim/faults} (all off),
 * {@code POST /sim/faults/down} (opens a down window). Unknown fields are 400.
 */
@RestController
final class SimFaultsController {

    private final Faults faults;

    SimFaultsController(Faults faults) {
        this.faults = faults;
    }

    @GetMapping("/sim/faults")
    ResponseEntity<String> current() {
        return SimJson.answer(200, faults.current());
    }

    @PutMapping("/sim/faults")
    ResponseEntity<String> set(@RequestBody String body) {
        return SimJson.answer(200, faults.set(SimJson.strict().readValue(body, FaultSettings.class)));
    }

    @DeleteMapping("/sim/faults")
    ResponseEntity<String> clear() {
        return SimJson.answer(200, faults.clear());
    }

    @PostMapping("/sim/faults/down")
    ResponseEntity<String> down(@RequestBody String body) {
        DownRequest request = SimJson.strict().readValue(body, DownRequest.class);
        DownWindow window;
        if (request.duration() != null && request.from() == null && request.until() == null) {
            window = faults.down(request.duration(), request.mode());
        } else if (request.duration() == null && request.from() != null && request.until() != null) {
            window = faults.down(request.from(), request.until(), request.mode());
        } else {
            throw new IllegalArgumentException("give either duration, or from and until");
        }
        return SimJson.answer(201, window);
    }

    /**
     * A down window to open: from now for {@code duration}, or from {@code from} to {@code until}.
     *
     * @param duration length from now (ISO-8601, e.g. PT30S)
     * @param from start instant
     * @param until end instant
     * @param mode UNAVAILABLE (default) or DROP
     */
    record DownRequest(Duration duration, Instant from, Instant until, DownMode mode) {
    }
}
