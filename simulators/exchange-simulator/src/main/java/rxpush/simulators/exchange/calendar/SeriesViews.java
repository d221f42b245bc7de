package rxpush.simulators.exchange.calendar;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Views of a series: each occurrence as its own entry (an exception when it was changed), and what a
 * master shows about them. Called with the mailbox's lock held.
 */
final class SeriesViews {

    /** What an occurrence number of a series refers to (EWS answers each differently). */
    enum Status {
        LIVE, DELETED, OUT_OF_RANGE
    }

    private SeriesViews() {
    }

    static ZoneId zone(StoredItem master) {
        return TimeZones.byWindowsId(master.timeZone).zone();
    }

    static Status status(StoredItem master, int index) {
        if (master.recurrence.occurrenceStart(master.start, zone(master), index) == null) {
            return Status.OUT_OF_RANGE;
        }
        return master.deletedOccurrences.contains(index) ? Status.DELETED : Status.LIVE;
    }

    static ItemView.Series series(Mailbox mailbox, StoredItem master) {
        ZoneId zone = zone(master);
        int total = master.recurrence.total(master.start, zone);
        Integer first = null;
        for (int i = 1; first == null && (total < 0 || i <= total); i++) {
            if (!master.deletedOccurrences.contains(i)) {
                first = i;
            }
        }
        Integer last = null;
        for (int i = total; last == null && i >= 1; i--) {
            if (!master.deletedOccurrences.contains(i)) {
                last = i;
            }
        }
        List<ItemView.OccurrenceRef> modified = new ArrayList<>();
        for (Map.Entry<Integer, StoredItem.Override> e : master.exceptions.entrySet()) {
            if (total < 0 || e.getKey() <= total) {
                modified.add(ref(occurrence(mailbox, master, e.getKey())));
            }
        }
        List<Instant> deleted = master.deletedOccurrences.stream()
                .map(i -> master.recurrence.occurrenceStart(master.start, zone, i)).filter(s -> s != null).toList();
        return new ItemView.Series(first == null ? null : ref(occurrence(mailbox, master, first)),
                last == null ? null : ref(occurrence(mailbox, master, last)), modified, deleted);
    }

    /**
     * The live occurrences and exceptions whose original start lies before {@code until}, plus every
     * exception (it may have been moved before {@code until} from later), in occurrence order.
     */
    static List<ItemView> occurrences(Mailbox mailbox, StoredItem master, Instant until) {
        List<Instant> starts = master.recurrence.startsBefore(master.start, zone(master), until);
        List<ItemView> found = new ArrayList<>();
        for (int i = 1; i <= starts.size(); i++) {
            if (!master.deletedOccurrences.contains(i)) {
                found.add(occurrence(mailbox, master, i, starts.get(i - 1)));
            }
        }
        for (int index : master.exceptions.keySet()) {
            if (index > starts.size() && status(master, index) == Status.LIVE) {
                found.add(occurrence(mailbox, master, index));
            }
        }
        return found;
    }

    static ItemView occurrence(Mailbox mailbox, StoredItem master, int index) {
        return occurrence(mailbox, master, index, master.recurrence.occurrenceStart(master.start, zone(master), index));
    }

    private static ItemView.OccurrenceRef ref(ItemView occurrence) {
        return new ItemView.OccurrenceRef(occurrence.ewsId(), occurrence.immutableId(), occurrence.start(),
                occurrence.end(), occurrence.originalStart());
    }

    private static ItemView occurrence(Mailbox mailbox, StoredItem master, int index, Instant originalStart) {
        Instant start = originalStart;
        Instant end = originalStart.plus(java.time.Duration.between(master.start, master.end));
        String subject = master.subject;
        String location = master.location;
        long change = master.changeNumber;
        Instant modified = master.lastModified;
        long sequence = master.sequence;
        StoredItem.Override override = master.exceptions.get(index);
        if (override != null) {
            start = override.start;
            end = override.end;
            subject = override.subject;
            location = override.location;
            change = override.changeNumber;
            modified = override.lastModified;
            sequence = override.sequence;
        }
        return new ItemView(mailbox.address(),
                ItemIds.ewsId(mailbox.guid(), ItemIds.Kind.OCCURRENCE, Folder.CALENDAR, master.number, index),
                ItemIds.immutableId(mailbox.guid(), ItemIds.Kind.OCCURRENCE, master.number, index),
                ItemIds.changeKey(mailbox.guid(), change), mailbox.folderId(Folder.CALENDAR), Folder.CALENDAR,
                ItemView.APPOINTMENT_CLASS, override != null ? OccurrenceType.EXCEPTION : OccurrenceType.OCCURRENCE,
                mailbox.ewsId(master), mailbox.immutableId(master), index, originalStart, master.iCalUid, subject, master.body,
                master.organizer, start, end, master.timeZone, master.allDay, location, master.sensitivity,
                master.attendees, master.cancelled, master.created, modified, sequence,
                master.appointmentSequence, master.myResponse, null, null);
    }
}
