package rxpush.simulators.exchange.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecurrenceTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** Monday 7 December 2026, 09:00 in Berlin. */
    static final Instant MONDAY = Instant.parse("2026-12-07T08:00:00Z");

    @Test
    void weeklyOnTwoDaysNumberedCountsEveryOccurrence() {
        Recurrence r = Recurrence.weekly(1, List.of(DayOfWeek.WEDNESDAY, DayOfWeek.MONDAY),
                Recurrence.Range.NUMBERED, null, 4);

        assertThat(r.startsBefore(MONDAY, BERLIN, Instant.MAX)).containsExactly(MONDAY,
                Instant.parse("2026-12-09T08:00:00Z"), Instant.parse("2026-12-14T08:00:00Z"),
                Instant.parse("2026-12-16T08:00:00Z"));
        assertThat(r.total(MONDAY, BERLIN)).isEqualTo(4);
        assertThat(r.occurrenceStart(MONDAY, BERLIN, 5)).isNull();
        assertThat(r.occurrenceStart(MONDAY, BERLIN, 0)).isNull();
    }

    @Test
    void anEndDateRangeEndsOnThatDayAndKeepsTheLocalHourAcrossDaylightSaving() {
        Recurrence r = Recurrence.weekly(2, List.of(), Recurrence.Range.END_DATE, LocalDate.parse("2027-04-05"), 0);

        List<Instant> starts = r.startsBefore(MONDAY, BERLIN, Instant.MAX);
        assertThat(starts).hasSize(9).last().isEqualTo(Instant.parse("2027-03-29T07:00:00Z")); // CEST: 09:00 local
        assertThat(r.total(MONDAY, BERLIN)).isEqualTo(9);
    }

    @Test
    void aSeriesWithoutEndIsListedUpToTheHorizon() {
        Recurrence r = new Recurrence(Recurrence.Pattern.DAILY, 1, List.of(), 0, Recurrence.Range.NO_END, null, 0);

        assertThat(r.startsBefore(MONDAY, BERLIN, MONDAY.plusSeconds(3 * 86_400))).hasSize(3);
        assertThat(r.total(MONDAY, BERLIN)).isEqualTo(-1);
        assertThat(r.occurrenceStart(MONDAY, BERLIN, 400)).isEqualTo(Instant.parse("2028-01-10T08:00:00Z"));
    }

    @Test
    void absoluteMonthlyUsesTheLastDayOfShorterMonths() {
        Instant jan31 = Instant.parse("2027-01-31T08:00:00Z");
        Recurrence r = new Recurrence(Recurrence.Pattern.ABSOLUTE_MONTHLY, 1, List.of(), 31, Recurrence.Range.NUMBERED,
                null, 3);

        assertThat(r.startsBefore(jan31, BERLIN, Instant.MAX)).containsExactly(jan31,
                Instant.parse("2027-02-28T08:00:00Z"), Instant.parse("2027-03-31T07:00:00Z"));
    }

    @Test
    void theFirstDateIsTheFirstOneThePatternSelects() {
        Recurrence r = Recurrence.weekly(1, List.of(DayOfWeek.FRIDAY), Recurrence.Range.NUMBERED, null, 2);

        assertThat(r.firstDate(LocalDate.parse("2026-12-07"))).isEqualTo(LocalDate.parse("2026-12-11"));
        assertThatThrownBy(() -> r.endingOn(LocalDate.parse("2026-12-01")).firstDate(LocalDate.parse("2026-12-07")))
                .hasMessageContaining("ends before its first occurrence");
    }

    @Test
    void inconsistentShapesAreRefused() {
        assertThatThrownBy(() -> new Recurrence(Recurrence.Pattern.DAILY, 1, List.of(DayOfWeek.MONDAY), 0,
                Recurrence.Range.NUMBERED, null, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Recurrence(Recurrence.Pattern.DAILY, 1, List.of(), 0,
                Recurrence.Range.END_DATE, null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Recurrence(Recurrence.Pattern.WEEKLY, 0, 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Recurrence(Recurrence.Pattern.WEEKLY, 1, 3).samePattern(
                new Recurrence(Recurrence.Pattern.WEEKLY, 1, 3).endingOn(LocalDate.parse("2027-01-01")))).isTrue();
    }
}
