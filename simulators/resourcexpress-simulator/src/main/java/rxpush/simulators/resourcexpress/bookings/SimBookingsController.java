package rxpush.simulators.resourcexpress.bookings;

import java.util.Comparator;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /sim/bookings} and {@code GET /sim/applications}: what RX holds, without an API key. */
@RestController
final class SimBookingsController {

    private final BookingStore store;

    SimBookingsController(BookingStore store) {
        this.store = store;
    }

    @GetMapping("/sim/bookings")
    ResponseEntity<String> bookings() {
        return SimJson.answer(200, store.bookings());
    }

    /** Every applied version with its count, duplicates (count above 1) first. */
    @GetMapping("/sim/applications")
    ResponseEntity<String> applications() {
        List<Application> list = store.applications().entrySet().stream()
                .map(e -> new Application(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingInt(Application::times).reversed()
                        .thenComparing(a -> a.version().bookingId()))
                .toList();
        return SimJson.answer(200, list);
    }

    /**
     * One applied version.
     *
     * @param version the version
     * @param times how often it was applied
     */
    record Application(BookingVersion version, int times) {
    }
}
