package rxpush.simulators.exchange.calendar;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The mutable stored form of a calendar item (a single booking or a series master). Guarded by its
 * mailbox's lock; everything outside the mailbox reads {@link ItemView} snapshots instead.
 */
final class StoredItem {

    /** A changed occurrence of a series (an exception), by 1-based occurrence index. */
    static final class Override {
        Instant start;
        Instant end;
        String subject;
        String location;
        long changeNumber;
        Instant lastModified;
        long sequence;
    }

    final long number;
    final boolean master;
    final Instant created;
    final String iCalUid;
    Folder folder = Folder.CALENDAR;
    String subject;
    String body;
    Person organizer;
    Instant start;
    Instant end;
    String timeZone;
    boolean allDay;
    String location;
    Sensitivity sensitivity = Sensitivity.NORMAL;
    List<Attendee> attendees = new ArrayList<>();
    boolean cancelled;
    Instant lastModified;
    long changeNumber;
    long sequence;
    int appointmentSequence;
    Attendee.Response myResponse = Attendee.Response.NOT_RESPONDED;
    Recurrence recurrence;
    final TreeMap<Integer, Override> exceptions = new TreeMap<>();
    final Set<Integer> deletedOccurrences = new TreeSet<>();

    StoredItem(long number, boolean master, Instant created, String iCalUid) {
        this.number = number;
        this.master = master;
        this.created = created;
        this.iCalUid = iCalUid;
        this.lastModified = created;
    }
}
