package rxpush.simulators.exchange.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A numbered daily or weekly recurrence starting at the master's start (the shapes room bookings
 * use; monthly and yearly patterns are not simulated).
 *
 * @param pattern  daily or weekly
 * @param interval every n days or weeks, at least 1
 * @param count    number of occurrences, 1 to 999
 */
public record Recurrence(Pattern pattern, int interval, int count) {

    /** Recurrence pattern. */
    public enum Pattern {
        DAILY, WEEKLY
    }

    public Recurrence {
        if (interval < 1 || count < 1 || count > 999) {
            throw new IllegalArgumentException("recurrence needs interval >= 1 and 1-999 occurrences");
        }
    }

    /** Start of occurrence {@code index} (1-based), stepping in local time so DST keeps the hour. */
    public Instant occurrenceStart(Instant firstStart, ZoneId zone, int index) {
        long steps = (long) (index - 1) * interval;
        var local = firstStart.atZone(zone);
        return (pattern == Pattern.DAILY ? local.plusDays(steps) : local.plusWeeks(steps)).toInstant();
    }

    public Instant occurrenceEnd(Instant firstStart, Instant firstEnd, ZoneId zone, int index) {
        return occurrenceStart(firstStart, zone, index).plus(Duration.between(firstStart, firstEnd));
    }
}
