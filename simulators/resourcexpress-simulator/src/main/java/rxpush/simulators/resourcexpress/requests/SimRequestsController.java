package rxpush.simulators.resourcexpress.requests;

import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import rxpush.simulators.resourcexpress.bookings.SimJson;

/** {@code GET /sim/requests[?bookingId=..][&limit=N]}: the request log, oldest first (the last N). */
@RestController
final class SimRequestsController {

    private final RequestLog log;

    SimRequestsController(RequestLog log) {
        this.log = log;
    }

    @GetMapping("/sim/requests")
    ResponseEntity<String> requests(@RequestParam(required = false) String bookingId,
            @RequestParam(required = false) Integer limit) {
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        List<RequestRecord> records = bookingId == null ? log.all() : log.forBooking(bookingId);
        if (limit != null && records.size() > limit) {
            records = records.subList(records.size() - limit, records.size());
        }
        return SimJson.answer(200, records);
    }
}
