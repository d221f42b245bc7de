package rxpush.simulators.exchange.calendar;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;

/**
 * What a change of a whole series does to its occurrences, as Exchange stores series: the pattern,
 * its exceptions and its deleted occurrences all live on the master ([MS-OXOCAL] 2.2.1.44
 * PidLidAppointmentRecur, exceptions as attachments of the master), so every series edit is a change
 * of the master alone. When the pattern or the series' time changes, every exception is removed
 * ([MS-OXOCAL] 3.1.4.7.3.5: "If the recurrence pattern has changed, the client ... removes every
 * exception from the PidLidAppointmentRecur property and every Exception Attachment object").
 * Called with the mailbox's lock held.
 */
final class SeriesEdits {

    private SeriesEdits() {
    }

    /**
     * A new pattern or range. Only the range changed (a new end date or count): occurrences keep
     * their numbers and dates, exceptions and cancellations past the new end are dropped. The pattern
     * changed: every exception and cancellation is dropped and the master moves to the new pattern's
     * first date.
     */
    static void recurrenceChanged(StoredItem master, Recurrence recurrence) {
        boolean samePattern = master.recurrence.samePattern(recurrence);
        master.recurrence = recurrence;
        if (!samePattern) {
            clearExceptions(master);
            alignToPattern(master);
            return;
        }
        int total = recurrence.total(master.start, SeriesViews.zone(master));
        if (total >= 0) {
            master.exceptions.keySet().removeIf(index -> index > total);
            master.deletedOccurrences.removeIf(index -> index > total);
        }
    }

    /** The series' start or end time changed: a new pattern in Exchange's terms. */
    static void timeChanged(StoredItem master) {
        clearExceptions(master);
        alignToPattern(master);
    }

    /**
     * Moves the master to the first date its pattern selects on or after its own start (Exchange
     * stores a master at its first occurrence), keeping the time of day and the duration.
     */
    static void alignToPattern(StoredItem master) {
        ZonedDateTime local = master.start.atZone(SeriesViews.zone(master));
        LocalDate first = master.recurrence.firstDate(local.toLocalDate());
        if (!first.equals(local.toLocalDate())) {
            Duration length = Duration.between(master.start, master.end);
            master.start = local.with(first).toInstant();
            master.end = master.start.plus(length);
        }
    }

    private static void clearExceptions(StoredItem master) {
        master.exceptions.clear();
        master.deletedOccurrences.clear();
    }
}
