package rxpush.simulators.exchange.control;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import rxpush.simulators.exchange.calendar.BookingSpec;
import rxpush.simulators.exchange.calendar.Bookings;
import rxpush.simulators.exchange.calendar.ItemView;
import rxpush.simulators.exchange.calendar.Recurrence;

/**
 * {@code /sim/series}: recurring series and their edits as an organizer makes them. Every edit
 * changes the master only (see docs/exchange-simulator.md, "Recurring series").
 * <ul>
 *   <li>{@code POST /sim/series}: a new series ({@link SeriesBody}); 201 with the master;
 *   <li>{@code POST /sim/series/{masterId}/recurrence}: a new pattern or range (same body, recurrence
 *       fields only), e.g. {@code {"range": "END_DATE", "endDate": "2027-01-31"}} shortens it;
 *   <li>{@code POST /sim/series/occurrences/{occurrenceId}/update}: one occurrence becomes an exception
 *       (body: subject, start, end, location; empty: moved by an hour);
 *   <li>{@code POST /sim/series/occurrences/{occurrenceId}/cancel}: one occurrence is cancelled (204).
 * </ul>
 * The series' time changes through {@code POST /sim/bookings/{masterId}/update} with start/end.
 */
@RestController
@RequestMapping("/sim/series")
final class SeriesControlController {

    /**
     * A series, or the recurrence part of an edit.
     *
     * @param pattern     DAILY, WEEKLY (default) or ABSOLUTE_MONTHLY
     * @param interval    every n days/weeks/months (default 1)
     * @param daysOfWeek  weekly days, e.g. ["MONDAY", "WEDNESDAY"] (default: the start's day)
     * @param dayOfMonth  absolute monthly day (default: the start's day)
     * @param range       NUMBERED (default), END_DATE or NO_END
     * @param occurrences numbered: how many (default 10)
     * @param endDate     end date: the last day, yyyy-MM-dd
     */
    record SeriesBody(String mailbox, String subject, Instant start, Instant end, String timeZone, String location,
                      String pattern, Integer interval, List<String> daysOfWeek, Integer dayOfMonth, String range,
                      Integer occurrences, LocalDate endDate) {

        Recurrence recurrence() {
            Recurrence.Range kind = Recurrence.Range.valueOf(upper(range, "NUMBERED"));
            return new Recurrence(Recurrence.Pattern.valueOf(upper(pattern, "WEEKLY")), interval == null ? 1 : interval,
                    daysOfWeek == null ? List.of() : daysOfWeek.stream().map(d -> DayOfWeek.valueOf(upper(d, d))).toList(),
                    dayOfMonth == null ? 0 : dayOfMonth, kind, kind == Recurrence.Range.END_DATE ? endDate : null,
                    kind == Recurrence.Range.NUMBERED ? (occurrences == null ? 10 : occurrences) : 0);
        }

        BookingSpec spec() {
            return new BookingSpec(subject, start, end, timeZone, null, location, null, null, null);
        }

        private static String upper(String value, String otherwise) {
            return value == null ? otherwise : value.trim().toUpperCase(Locale.ROOT);
        }
    }

    private final Bookings bookings;

    SeriesControlController(Bookings bookings) {
        this.bookings = bookings;
    }

    @PostMapping
    ResponseEntity<ItemView> create(@RequestBody SeriesBody body) {
        if (body.mailbox() == null) {
            throw new IllegalArgumentException("mailbox is required");
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(bookings.createSeries(body.mailbox(), body.spec(), body.recurrence()));
    }

    @PostMapping("/{masterId}/recurrence")
    ItemView recurrence(@PathVariable String masterId, @RequestBody SeriesBody body) {
        return bookings.updateRecurrence(masterId, body.recurrence());
    }

    @PostMapping("/occurrences/{occurrenceId}/update")
    ItemView updateOccurrence(@PathVariable String occurrenceId, @RequestBody(required = false) SeriesBody body) {
        return bookings.updateOccurrence(occurrenceId, body == null ? BookingSpec.random() : body.spec());
    }

    @PostMapping("/occurrences/{occurrenceId}/cancel")
    ResponseEntity<Void> cancelOccurrence(@PathVariable String occurrenceId) {
        bookings.cancelOccurrence(occurrenceId);
        return ResponseEntity.noContent().build();
    }
}
