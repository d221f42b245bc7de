package rxpush.simulators.resourcexpress;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import rxpush.simulators.resourcexpress.bookings.BookingStore;
import rxpush.simulators.resourcexpress.faults.Faults;
import rxpush.simulators.resourcexpress.requests.RequestLog;

/** {@code POST /sim/reset}: a clean RX between tests or demo runs. */
@RestController
final class SimReset {

    private final BookingStore store;
    private final RequestLog log;
    private final Faults faults;

    SimReset(BookingStore store, RequestLog log, Faults faults) {
        this.store = store;
        this.log = log;
        this.faults = faults;
    }

    /** Bookings, keys, counts and data file emptied, request numbering back at 1, faults off. */
    void reset() {
        store.reset();
        log.reset();
        faults.clear();
    }

    @PostMapping("/sim/reset")
    ResponseEntity<Void> resetNow() {
        reset();
        return ResponseEntity.noContent().build();
    }
}
