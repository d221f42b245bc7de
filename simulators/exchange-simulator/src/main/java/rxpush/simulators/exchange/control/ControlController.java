package rxpush.simulators.exchange.control;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import rxpush.simulators.exchange.calendar.Bookings;
import rxpush.simulators.exchange.calendar.BookingSpec;
import rxpush.simulators.exchange.calendar.CalendarStore;
import rxpush.simulators.exchange.calendar.ItemView;
import rxpush.simulators.exchange.calendar.Mailbox;
import rxpush.simulators.exchange.calendar.Recurrence;
import rxpush.simulators.exchange.calendar.Truth;
import rxpush.simulators.exchange.clock.SimScheduler;
import rxpush.simulators.exchange.workload.WorkloadGenerator;

/**
 * The simulator's own control API under /sim: ground truth, counters, fault switches, the clock,
 * direct booking changes and the workload generator. Subscriptions are under
 * {@link SubscriptionControlController}.
 */
@RestController
@RequestMapping("/sim")
class ControlController {

    /** Fault switches as JSON; durations as "30s", "PT30S" or milliseconds; null fields unchanged. */
    record FaultsBody(Double ewsBusyRate, String ewsBackOff, Double graphThrottleRate, String graphRetryAfter,
                      Double dropPushRate, String apiLatency) {
    }

    /** A booking to create or the changes to make; null fields are random (create) or kept (update). */
    record BookingBody(String mailbox, String subject, Instant start, Instant end, String timeZone, Boolean allDay,
                       String location, Integer occurrences, String pattern) {
        BookingSpec spec() {
            return new BookingSpec(subject, start, end, timeZone, allDay, location, null, null, null);
        }
    }

    private final CalendarStore store;
    private final Bookings bookings;
    private final WorkloadGenerator workload;
    private final SimScheduler scheduler;
    private final Stats stats;
    private final Faults faults;

    ControlController(CalendarStore store, Bookings bookings, WorkloadGenerator workload, SimScheduler scheduler,
                      Stats stats, Faults faults) {
        this.store = store;
        this.bookings = bookings;
        this.workload = workload;
        this.scheduler = scheduler;
        this.stats = stats;
        this.faults = faults;
    }

    @GetMapping("/truth")
    Object truth(@RequestParam(required = false) String mailbox, @RequestParam(required = false) String horizon) {
        Truth truth = Truth.of(store, horizon == null ? Truth.DEFAULT_HORIZON : duration(horizon));
        if (mailbox == null) {
            return truth;
        }
        Truth.MailboxTruth one = truth.mailbox(mailbox);
        if (one == null) {
            throw new NoSuchElementException("no mailbox " + mailbox);
        }
        return one;
    }

    @GetMapping("/mailboxes")
    List<Map<String, Object>> mailboxes() {
        return store.mailboxes().stream().map(this::describe).toList();
    }

    @GetMapping("/stats")
    Map<String, Long> stats() {
        return stats.snapshot();
    }

    @DeleteMapping("/stats")
    ResponseEntity<Void> resetStats() {
        stats.reset();
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/faults")
    Faults.State faults() {
        return faults.state();
    }

    @RequestMapping(path = "/faults", method = {RequestMethod.PUT, RequestMethod.PATCH})
    Faults.State updateFaults(@RequestBody FaultsBody body) {
        return faults.update(new Faults.State(body.ewsBusyRate(), duration(body.ewsBackOff()),
                body.graphThrottleRate(), duration(body.graphRetryAfter()), body.dropPushRate(),
                duration(body.apiLatency())));
    }

    @GetMapping("/clock")
    Map<String, Object> clock() {
        return Map.of("now", scheduler.clock().instant(), "mode", scheduler.clock().mode());
    }

    @PostMapping("/clock/advance")
    Map<String, Object> advance(@RequestParam String by) {
        scheduler.advance(duration(by));
        return clock();
    }

    @PostMapping("/bookings")
    ResponseEntity<ItemView> create(@RequestBody BookingBody body) {
        ItemView created = body.occurrences() == null
                ? bookings.create(body.mailbox(), body.spec())
                : bookings.createSeries(body.mailbox(), body.spec(), new Recurrence(
                        Recurrence.Pattern.valueOf(body.pattern() == null ? "WEEKLY" : body.pattern()), 1,
                        body.occurrences()));
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }

    @PostMapping("/bookings/{id}/update")
    ItemView update(@PathVariable String id, @RequestBody(required = false) BookingBody body) {
        return bookings.update(id, body == null ? BookingSpec.random() : body.spec());
    }

    @PostMapping("/bookings/{id}/cancel")
    ResponseEntity<Void> cancel(@PathVariable String id) {
        bookings.cancel(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/bookings/{id}/move")
    ItemView move(@PathVariable String id, @RequestParam String to) {
        return bookings.move(id, to);
    }

    @GetMapping("/workload")
    Map<String, Object> workloadState() {
        return Map.of("running", workload.running(), "rate", workload.rate(), "lastSequence", store.lastSequence());
    }

    @PostMapping("/workload/start")
    Map<String, Object> startWorkload(@RequestParam(required = false) Double rate) {
        if (rate == null) {
            workload.start();
        } else {
            workload.start(rate);
        }
        return workloadState();
    }

    @PostMapping("/workload/stop")
    Map<String, Object> stopWorkload() {
        workload.stop();
        return workloadState();
    }

    @PostMapping("/workload/step")
    Map<String, Object> step(@RequestParam(defaultValue = "1") int changes) {
        if (changes < 1 || changes > 100_000) {
            throw new IllegalArgumentException("changes must be between 1 and 100000");
        }
        workload.step(changes);
        return workloadState();
    }

    private Map<String, Object> describe(Mailbox mailbox) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("address", mailbox.address());
        map.put("displayName", mailbox.displayName());
        map.put("objectId", mailbox.objectId());
        map.put("calendarFolderId", mailbox.folderId(rxpush.simulators.exchange.calendar.Folder.CALENDAR));
        map.put("items", mailbox.calendarItems().size());
        map.put("journalHead", mailbox.journal().head());
        return map;
    }

    static Duration duration(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return DurationStyle.detectAndParse(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
    }
}
