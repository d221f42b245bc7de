package rxpush.simulators.exchange.calendar;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Views of a series: each occurrence as its own entry (an exception when it was changed), and what a
 * master shows about them. Called with the mailbox's lock held.
 */
final class SeriesViews {

    private SeriesViews() {
    }

    static ItemView.Series series(Mailbox mailbox, StoredItem master) {
        List<ItemView.OccurrenceRef> live = new ArrayList<>();
        List<ItemView.OccurrenceRef> modified = new ArrayList<>();
        List<Instant> deleted = new ArrayList<>();
        var zone = TimeZones.byWindowsId(master.timeZone).zone();
        for (int i = 1; i <= master.recurrence.count(); i++) {
            if (master.deletedOccurrences.contains(i)) {
                deleted.add(master.recurrence.occurrenceStart(master.start, zone, i));
                continue;
            }
            ItemView occurrence = occurrence(mailbox, master, i);
            ItemView.OccurrenceRef ref = new ItemView.OccurrenceRef(occurrence.ewsId(), occurrence.immutableId(),
                    occurrence.start(), occurrence.end(), occurrence.originalStart());
            live.add(ref);
            if (occurrence.type() == OccurrenceType.EXCEPTION) {
                modified.add(ref);
            }
        }
        return new ItemView.Series(live.isEmpty() ? null : live.getFirst(), live.isEmpty() ? null : live.getLast(),
                modified, deleted);
    }

    static ItemView occurrence(Mailbox mailbox, StoredItem master, int index) {
        var zone = TimeZones.byWindowsId(master.timeZone).zone();
        Instant originalStart = master.recurrence.occurrenceStart(master.start, zone, index);
        Instant start = originalStart;
        Instant end = master.recurrence.occurrenceEnd(master.start, master.end, zone, index);
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
