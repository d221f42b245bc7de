package rxpush.simulators.exchange.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A series' pattern and range, the shapes room bookings use: daily, weekly (on given days) and
 * absolute monthly patterns; numbered, end-date and no-end ranges (Graph's recurrencePattern and
 * recurrenceRange, EWS's DailyRecurrence/WeeklyRecurrence/AbsoluteMonthlyRecurrence with
 * NumberedRecurrence/EndDateRecurrence/NoEndRecurrence). Occurrences are numbered from 1 in date
 * order (EWS's InstanceIndex), counted from the master's first start, in the series' time zone so
 * that daylight saving time keeps the hour. Weeks start on Monday.
 *
 * @param pattern     daily, weekly or absolute monthly
 * @param interval    every n days, weeks or months, at least 1
 * @param daysOfWeek  weekly: the days (empty: the first start's day); otherwise empty
 * @param dayOfMonth  absolute monthly: 1-31 (0: the first start's day; shorter months use their last
 *                    day); otherwise 0
 * @param range       numbered, end date or no end
 * @param endDate     end-date range: the last day an occurrence may start on (in the series' zone)
 * @param count       numbered range: 1 to 999 occurrences; otherwise 0
 */
public record Recurrence(Pattern pattern, int interval, List<DayOfWeek> daysOfWeek, int dayOfMonth, Range range,
        LocalDate endDate, int count) {

    /** Recurrence pattern. */
    public enum Pattern {
        DAILY, WEEKLY, ABSOLUTE_MONTHLY
    }

    /** Recurrence range. */
    public enum Range {
        NUMBERED, END_DATE, NO_END
    }

    /** Enumerations stop here whatever the range: no simulated view needs more. */
    private static final int MAX_OCCURRENCES = 10_000;

    public Recurrence {
        daysOfWeek = daysOfWeek == null ? List.of() : daysOfWeek.stream().distinct().sorted().toList();
        if (pattern == null || range == null || interval < 1) {
            throw new IllegalArgumentException("recurrence needs a pattern, a range and interval >= 1");
        }
        if (pattern != Pattern.WEEKLY && !daysOfWeek.isEmpty()) {
            throw new IllegalArgumentException("days of the week belong to a weekly pattern");
        }
        if (dayOfMonth < 0 || dayOfMonth > 31 || (pattern != Pattern.ABSOLUTE_MONTHLY && dayOfMonth != 0)) {
            throw new IllegalArgumentException("a day of the month (1-31) belongs to an absolute monthly pattern");
        }
        switch (range) {
            case NUMBERED -> {
                if (count < 1 || count > 999 || endDate != null) {
                    throw new IllegalArgumentException("a numbered recurrence needs 1-999 occurrences and no end date");
                }
            }
            case END_DATE -> {
                if (endDate == null || count != 0) {
                    throw new IllegalArgumentException("an end-date recurrence needs an end date and no count");
                }
            }
            case NO_END -> {
                if (endDate != null || count != 0) {
                    throw new IllegalArgumentException("a recurrence without end has no end date and no count");
                }
            }
        }
    }

    /** A numbered recurrence on the first start's day (weekly) or date (monthly). */
    public Recurrence(Pattern pattern, int interval, int count) {
        this(pattern, interval, List.of(), 0, Range.NUMBERED, null, count);
    }

    public static Recurrence numbered(Pattern pattern, int interval, int count) {
        return new Recurrence(pattern, interval, count);
    }

    public static Recurrence weekly(int interval, List<DayOfWeek> days, Range range, LocalDate endDate, int count) {
        return new Recurrence(Pattern.WEEKLY, interval, days, 0, range, endDate, count);
    }

    /** The same pattern ending on {@code date}. */
    public Recurrence endingOn(LocalDate date) {
        return new Recurrence(pattern, interval, daysOfWeek, dayOfMonth, Range.END_DATE, date, 0);
    }

    /** The same pattern with {@code occurrences} occurrences. */
    public Recurrence numbered(int occurrences) {
        return new Recurrence(pattern, interval, daysOfWeek, dayOfMonth, Range.NUMBERED, null, occurrences);
    }

    /** Whether {@code other} differs only in its range (so occurrence numbers keep their dates). */
    public boolean samePattern(Recurrence other) {
        return other != null && pattern == other.pattern && interval == other.interval
                && daysOfWeek.equals(other.daysOfWeek) && dayOfMonth == other.dayOfMonth;
    }

    /** The days a weekly series recurs on, given its first start's day. */
    public List<DayOfWeek> days(DayOfWeek firstDay) {
        return daysOfWeek.isEmpty() ? List.of(firstDay) : daysOfWeek;
    }

    /** Original start of occurrence {@code index} (1-based), or null when the range has no such occurrence. */
    public Instant occurrenceStart(Instant firstStart, ZoneId zone, int index) {
        if (index < 1) {
            return null;
        }
        List<Instant> starts = enumerate(firstStart, zone, index, s -> false);
        return starts.size() == index ? starts.get(index - 1) : null;
    }

    public Instant occurrenceEnd(Instant firstStart, Instant firstEnd, ZoneId zone, int index) {
        Instant start = occurrenceStart(firstStart, zone, index);
        return start == null ? null : start.plus(Duration.between(firstStart, firstEnd));
    }

    /** Original starts of occurrences 1, 2, … that start before {@code until}. */
    public List<Instant> startsBefore(Instant firstStart, ZoneId zone, Instant until) {
        return enumerate(firstStart, zone, MAX_OCCURRENCES, start -> !start.isBefore(until));
    }

    /** How many occurrences the range has, or -1 for a series without end. */
    public int total(Instant firstStart, ZoneId zone) {
        return switch (range) {
            case NUMBERED -> count;
            case END_DATE -> enumerate(firstStart, zone, MAX_OCCURRENCES, s -> false).size();
            case NO_END -> -1;
        };
    }

    /** The first date on or after {@code from} that the pattern selects (where a series' master starts). */
    public LocalDate firstDate(LocalDate from) {
        List<LocalDate> first = dates(from, 1);
        if (first.isEmpty()) {
            throw new IllegalArgumentException("the recurrence range ends before its first occurrence (" + from + ")");
        }
        return first.getFirst();
    }

    private List<Instant> enumerate(Instant firstStart, ZoneId zone, int limit, Predicate<Instant> stop) {
        var local = firstStart.atZone(zone);
        LocalTime time = local.toLocalTime();
        List<Instant> starts = new ArrayList<>();
        for (LocalDate date : dates(local.toLocalDate(), limit)) {
            Instant start = date.atTime(time).atZone(zone).toInstant();
            if (stop.test(start)) {
                break;
            }
            starts.add(start);
        }
        return starts;
    }

    /** Up to {@code limit} dates from {@code first} on, within the range. */
    private List<LocalDate> dates(LocalDate first, int limit) {
        int max = range == Range.NUMBERED ? Math.min(limit, count) : limit;
        List<LocalDate> dates = new ArrayList<>();
        for (long step = 0; dates.size() < max; step += interval) {
            for (LocalDate date : candidates(first, step)) {
                if (date.isBefore(first)) {
                    continue;
                }
                if ((range == Range.END_DATE && date.isAfter(endDate)) || dates.size() >= max) {
                    return dates;
                }
                dates.add(date);
            }
            if (step > 400_000) {
                return dates; // a pattern that selects nothing (cannot happen with the checks above)
            }
        }
        return dates;
    }

    private List<LocalDate> candidates(LocalDate first, long step) {
        return switch (pattern) {
            case DAILY -> List.of(first.plusDays(step));
            case WEEKLY -> {
                LocalDate monday = first.minusDays(first.getDayOfWeek().getValue() - 1L).plusWeeks(step);
                yield days(first.getDayOfWeek()).stream().map(d -> monday.plusDays(d.getValue() - 1L)).toList();
            }
            case ABSOLUTE_MONTHLY -> {
                YearMonth month = YearMonth.from(first).plusMonths(step);
                int day = dayOfMonth == 0 ? first.getDayOfMonth() : dayOfMonth;
                yield List.of(month.atDay(Math.min(day, month.lengthOfMonth())));
            }
        };
    }
}
