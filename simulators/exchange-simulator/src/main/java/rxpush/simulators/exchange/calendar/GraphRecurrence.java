package rxpush.simulators.exchange.calendar;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A master's recurrence in Microsoft Graph's patternedRecurrence shape, with the defaults Graph
 * fills in for fields a pattern does not use (month 0, dayOfMonth 0, index "first", endDate
 * "0001-01-01" unless the range ends on a date, numberOfOccurrences 0 unless numbered):
 * https://learn.microsoft.com/en-us/graph/api/resources/patternedrecurrence,
 * https://learn.microsoft.com/en-us/graph/api/resources/recurrencepattern,
 * https://learn.microsoft.com/en-us/graph/api/resources/recurrencerange.
 */
public final class GraphRecurrence {

    private GraphRecurrence() {
    }

    /** The recurrence of {@code master}, or null when it is no series master. */
    public static Map<String, Object> of(ItemView master) {
        Recurrence recurrence = master.recurrence();
        if (recurrence == null || master.type() != OccurrenceType.SERIES_MASTER) {
            return null;
        }
        ZonedDateTime first = master.start().atZone(TimeZones.byWindowsId(master.timeZone()).zone());
        Map<String, Object> pattern = new LinkedHashMap<>();
        pattern.put("type", switch (recurrence.pattern()) {
            case DAILY -> "daily";
            case WEEKLY -> "weekly";
            case ABSOLUTE_MONTHLY -> "absoluteMonthly";
        });
        pattern.put("interval", recurrence.interval());
        pattern.put("month", 0);
        pattern.put("dayOfMonth", recurrence.pattern() == Recurrence.Pattern.ABSOLUTE_MONTHLY
                ? (recurrence.dayOfMonth() == 0 ? first.getDayOfMonth() : recurrence.dayOfMonth()) : 0);
        pattern.put("daysOfWeek", recurrence.pattern() == Recurrence.Pattern.WEEKLY
                ? recurrence.days(first.getDayOfWeek()).stream().map(GraphRecurrence::day).toList() : List.of());
        pattern.put("firstDayOfWeek", "monday");
        pattern.put("index", "first");
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("type", switch (recurrence.range()) {
            case NUMBERED -> "numbered";
            case END_DATE -> "endDate";
            case NO_END -> "noEnd";
        });
        range.put("startDate", first.toLocalDate().toString());
        range.put("endDate", recurrence.endDate() == null ? "0001-01-01" : recurrence.endDate().toString());
        range.put("recurrenceTimeZone", master.timeZone());
        range.put("numberOfOccurrences", recurrence.count());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("pattern", pattern);
        result.put("range", range);
        return result;
    }

    /** Graph's lower-case day name. */
    public static String day(DayOfWeek day) {
        return day.name().toLowerCase(Locale.ROOT);
    }
}
