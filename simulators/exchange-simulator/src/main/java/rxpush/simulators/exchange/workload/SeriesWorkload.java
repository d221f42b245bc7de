package rxpush.simulators.exchange.workload;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.IntUnaryOperator;
import rxpush.simulators.exchange.calendar.BookingSpec;
import rxpush.simulators.exchange.calendar.Bookings;
import rxpush.simulators.exchange.calendar.ItemView;
import rxpush.simulators.exchange.calendar.Mailbox;
import rxpush.simulators.exchange.calendar.OccurrenceType;
import rxpush.simulators.exchange.calendar.Recurrence;

/**
 * The series part of the workload: new series (mostly weekly, numbered or with an end date) and the
 * edits organizers make to them: shorten the series, cancel one occurrence, move one occurrence,
 * change the series' time. Each edit goes through {@link Bookings}, so the truth stays exact.
 */
final class SeriesWorkload {

    /** What a series edit did, counted as {@code workload.series.<name>}. */
    enum Edit {
        CREATE, SHORTEN, CANCEL_OCCURRENCE, MOVE_OCCURRENCE, CHANGE_TIME
    }

    private final Bookings bookings;
    private final IntUnaryOperator nextInt;

    SeriesWorkload(Bookings bookings, IntUnaryOperator nextInt) {
        this.bookings = bookings;
        this.nextInt = nextInt;
    }

    /** A new series in {@code mailbox}: weekly (70 %) or daily, 3-10 occurrences or an end date 2-12 weeks on. */
    ItemView create(Mailbox mailbox, Instant now) {
        boolean weekly = nextInt.applyAsInt(10) < 7;
        Recurrence.Pattern pattern = weekly ? Recurrence.Pattern.WEEKLY : Recurrence.Pattern.DAILY;
        Recurrence recurrence = nextInt.applyAsInt(2) == 0
                ? new Recurrence(pattern, 1, 3 + nextInt.applyAsInt(8))
                : new Recurrence(pattern, 1, List.<DayOfWeek>of(), 0, Recurrence.Range.END_DATE,
                        LocalDate.ofInstant(now, java.time.ZoneOffset.UTC).plusWeeks(2 + nextInt.applyAsInt(11)), 0);
        return bookings.createSeries(mailbox.address(), BookingSpec.random(), recurrence);
    }

    /** One edit of a random series of {@code mailbox}; a mailbox without series gets a new one. */
    Edit edit(Mailbox mailbox, Instant now) {
        List<ItemView> masters = mailbox.calendarItems().stream()
                .filter(i -> i.type() == OccurrenceType.SERIES_MASTER).toList();
        if (masters.isEmpty()) {
            create(mailbox, now);
            return Edit.CREATE;
        }
        ItemView master = masters.get(nextInt.applyAsInt(masters.size()));
        List<ItemView> occurrences = mailbox.calendarView(master.start(), now.plus(Duration.ofDays(800))).stream()
                .filter(o -> master.ewsId().equals(o.seriesMasterEwsId())).toList();
        Edit edit = Edit.values()[1 + nextInt.applyAsInt(4)];
        if (occurrences.size() < 2 && edit != Edit.CHANGE_TIME) {
            edit = Edit.CHANGE_TIME;
        }
        switch (edit) {
            case SHORTEN -> bookings.endSeriesAfter(master.ewsId(),
                    occurrences.get(nextInt.applyAsInt(occurrences.size() - 1)).occurrenceIndex());
            case CANCEL_OCCURRENCE -> bookings.cancelOccurrence(
                    occurrences.get(nextInt.applyAsInt(occurrences.size())).ewsId());
            case MOVE_OCCURRENCE -> {
                ItemView one = occurrences.get(nextInt.applyAsInt(occurrences.size()));
                Duration by = Duration.ofMinutes(30L * (1 + nextInt.applyAsInt(4)));
                bookings.updateOccurrence(one.ewsId(), BookingSpec.of(null, one.start().plus(by), one.end().plus(by)));
            }
            default -> {
                Duration by = Duration.ofMinutes(30L * (1 + nextInt.applyAsInt(4)) * (nextInt.applyAsInt(2) == 0 ? 1 : -1));
                bookings.update(master.ewsId(), BookingSpec.of(null, master.start().plus(by), master.end().plus(by)));
            }
        }
        return edit;
    }
}
