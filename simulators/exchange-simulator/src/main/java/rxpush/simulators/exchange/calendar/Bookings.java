package rxpush.simulators.exchange.calendar;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * Changes bookings the way Exchange does: each change gets the next sequence number and leaves 2-4
 * journal entries in the mailbox (the item event, the calendar folder's ModifiedEvent, sometimes a
 * second ModifiedEvent when the resource booking attendant processes the item, sometimes a change
 * of the free/busy item), which are then published to the EWS and Graph notification engines.
 * Item ids may be given in any form (EWS, REST or immutable).
 */
public final class Bookings {

    /**
     * How noisy changes are.
     *
     * @param attendantUpdateRate chance that the booking attendant modifies a created or updated
     *                            item a second time (an extra ModifiedEvent with a new change key)
     * @param freeBusyRate        chance that a change also touches the free/busy item
     * @param hardDeleteRate      chance that a cancelled booking is deleted (DeletedEvent) rather
     *                            than moved to Deleted Items (MovedEvent)
     */
    public record Noise(double attendantUpdateRate, double freeBusyRate, double hardDeleteRate) {
    }

    private final CalendarStore store;
    private final RandomContent random;
    private final Noise noise;
    private final BookingEdits edits;

    public Bookings(CalendarStore store, long seed, String peopleDomain, Noise noise) {
        this.store = store;
        this.random = new RandomContent(seed, peopleDomain);
        this.noise = noise;
        this.edits = new BookingEdits(random);
    }

    public ItemView create(String mailbox, BookingSpec spec) {
        return create(mailbox(mailbox), spec, null, null, store.nextSequence());
    }

    public ItemView createSeries(String mailbox, BookingSpec spec, Recurrence recurrence) {
        return create(mailbox(mailbox), spec, recurrence, null, store.nextSequence());
    }

    /** Applies the non-null fields of {@code changes}; all null means a random plausible change. */
    public ItemView update(String itemId, BookingSpec changes) {
        Target target = target(itemId, ItemIds.Kind.ITEM);
        long sequence = store.nextSequence();
        List<JournalEntry> entries = new ArrayList<>();
        ItemView view;
        synchronized (target.mailbox) {
            StoredItem item = target.item();
            Instant now = store.clock().instant();
            Instant start = item.start;
            Instant end = item.end;
            edits.apply(item, changes, target.mailbox);
            if (item.master && (!start.equals(item.start) || !end.equals(item.end))) {
                SeriesEdits.timeChanged(item);
            }
            touch(target.mailbox, item, now, sequence);
            entries.add(target.mailbox.recordItem(now, JournalEntry.Kind.MODIFIED, item, null, sequence));
            finish(target.mailbox, item, now, sequence, entries);
            view = target.mailbox.view(item);
        }
        store.publish(target.mailbox, entries);
        return view;
    }

    /**
     * Changes a series' pattern or range (a new end date, fewer or more occurrences): Exchange
     * notifies the master only. See {@link SeriesEdits#recurrenceChanged} for what happens to its
     * exceptions and cancelled occurrences.
     */
    public ItemView updateRecurrence(String masterId, Recurrence recurrence) {
        Target target = target(masterId, ItemIds.Kind.ITEM);
        long sequence = store.nextSequence();
        List<JournalEntry> entries = new ArrayList<>();
        ItemView view;
        synchronized (target.mailbox) {
            StoredItem master = target.item();
            if (!master.master) {
                throw new IllegalArgumentException("not a series master: " + masterId);
            }
            Instant now = store.clock().instant();
            SeriesEdits.recurrenceChanged(master, recurrence);
            master.appointmentSequence++;
            touch(target.mailbox, master, now, sequence);
            entries.add(target.mailbox.recordItem(now, JournalEntry.Kind.MODIFIED, master, null, sequence));
            entries.add(target.mailbox.recordFolderModified(now, Folder.CALENDAR, sequence));
            noise(target.mailbox, now, sequence, entries);
            view = target.mailbox.view(master);
        }
        store.publish(target.mailbox, entries);
        return view;
    }

    /**
     * Shortens a series to its first {@code occurrences} occurrences by giving it a new end date (the
     * day of the last one kept, in the series' zone).
     */
    public ItemView endSeriesAfter(String masterId, int occurrences) {
        Target target = target(masterId, ItemIds.Kind.ITEM);
        Recurrence shorter;
        synchronized (target.mailbox) {
            StoredItem master = target.item();
            if (!master.master) {
                throw new IllegalArgumentException("not a series master: " + masterId);
            }
            var zone = SeriesViews.zone(master);
            Instant last = master.recurrence.occurrenceStart(master.start, zone, occurrences);
            if (last == null) {
                throw new IllegalArgumentException("the series has fewer than " + occurrences + " occurrences");
            }
            shorter = master.recurrence.endingOn(last.atZone(zone).toLocalDate());
        }
        return updateRecurrence(masterId, shorter);
    }

    /** Turns one occurrence into an exception (null fields of {@code changes}: moved by an hour). */
    public ItemView updateOccurrence(String occurrenceId, BookingSpec changes) {
        Target target = target(occurrenceId, ItemIds.Kind.OCCURRENCE);
        long sequence = store.nextSequence();
        List<JournalEntry> entries = new ArrayList<>();
        ItemView view;
        synchronized (target.mailbox) {
            StoredItem master = target.item();
            Instant now = store.clock().instant();
            ItemView current = target.mailbox.occurrenceView(master, target.id.occurrence());
            StoredItem.Override override = master.exceptions.computeIfAbsent(target.id.occurrence(),
                    index -> BookingEdits.overrideOf(current));
            BookingEdits.applyToOccurrence(override, changes);
            touch(target.mailbox, master, now, sequence);
            override.changeNumber = target.mailbox.nextChangeNumber();
            override.lastModified = master.lastModified;
            override.sequence = sequence;
            entries.add(target.mailbox.recordItem(now, JournalEntry.Kind.MODIFIED, master, null, sequence));
            entries.add(target.mailbox.recordFolderModified(now, Folder.CALENDAR, sequence));
            noise(target.mailbox, now, sequence, entries);
            view = target.mailbox.occurrenceView(master, target.id.occurrence());
        }
        store.publish(target.mailbox, entries);
        return view;
    }

    /** Deletes one occurrence of a series (the master is modified). */
    public void cancelOccurrence(String occurrenceId) {
        Target target = target(occurrenceId, ItemIds.Kind.OCCURRENCE);
        long sequence = store.nextSequence();
        List<JournalEntry> entries = new ArrayList<>();
        synchronized (target.mailbox) {
            StoredItem master = target.item();
            Instant now = store.clock().instant();
            master.exceptions.remove(target.id.occurrence());
            master.deletedOccurrences.add(target.id.occurrence());
            touch(target.mailbox, master, now, sequence);
            entries.add(target.mailbox.recordItem(now, JournalEntry.Kind.MODIFIED, master, null, sequence));
            entries.add(target.mailbox.recordFolderModified(now, Folder.CALENDAR, sequence));
            noise(target.mailbox, now, sequence, entries);
        }
        store.publish(target.mailbox, entries);
    }

    /** The organizer cancels: the room's copy is marked cancelled, then deleted or moved out. */
    public void cancel(String itemId) {
        Target target = target(itemId, ItemIds.Kind.ITEM);
        cancel(target, store.nextSequence());
    }

    /** The booking moves to another room: cancelled in this one, created in {@code toMailbox}. */
    public ItemView move(String itemId, String toMailbox) {
        Target target = target(itemId, ItemIds.Kind.ITEM);
        Mailbox destination = mailbox(toMailbox);
        if (destination == target.mailbox) {
            throw new IllegalArgumentException("the booking is already in " + toMailbox);
        }
        ItemView before;
        synchronized (target.mailbox) {
            before = target.mailbox.view(target.item());
        }
        long sequence = store.nextSequence();
        cancel(target, sequence);
        BookingSpec copy = new BookingSpec(before.subject(), before.start(), before.end(), before.timeZone(),
                before.allDay(), destination.displayName(), before.sensitivity(), before.organizer(),
                before.attendees().stream().filter(a -> a.type() != Attendee.Type.RESOURCE).toList());
        return create(destination, copy, before.recurrence(), before.iCalUid(), sequence);
    }

    private ItemView create(Mailbox mailbox, BookingSpec spec, Recurrence recurrence, String iCalUid, long sequence) {
        List<JournalEntry> entries = new ArrayList<>();
        ItemView view;
        synchronized (mailbox) {
            Instant now = store.clock().instant();
            StoredItem item = mailbox.newItem(recurrence != null, now, iCalUid != null ? iCalUid : newUid(now));
            edits.fill(item, spec, mailbox, now);
            item.recurrence = recurrence;
            if (recurrence != null) {
                SeriesEdits.alignToPattern(item);
            }
            item.sequence = sequence;
            entries.add(mailbox.recordItem(now, JournalEntry.Kind.CREATED, item, null, sequence));
            finish(mailbox, item, now, sequence, entries);
            view = mailbox.view(item);
        }
        store.publish(mailbox, entries);
        return view;
    }

    private void cancel(Target target, long sequence) {
        List<JournalEntry> entries = new ArrayList<>();
        synchronized (target.mailbox) {
            StoredItem item = target.item();
            Instant now = store.clock().instant();
            item.cancelled = true;
            item.subject = "Canceled: " + item.subject;
            touch(target.mailbox, item, now, sequence);
            entries.add(target.mailbox.recordItem(now, JournalEntry.Kind.MODIFIED, item, null, sequence));
            target.mailbox.tombstone(item, now, sequence);
            if (random.chance(noise.hardDeleteRate())) {
                target.mailbox.remove(item);
                entries.add(target.mailbox.recordItem(now, JournalEntry.Kind.DELETED, item, null, sequence));
            } else {
                item.folder = Folder.DELETED_ITEMS;
                entries.add(target.mailbox.recordItem(now, JournalEntry.Kind.MOVED, item, Folder.CALENDAR, sequence));
            }
            entries.add(target.mailbox.recordFolderModified(now, Folder.CALENDAR, sequence));
            noise(target.mailbox, now, sequence, entries);
        }
        store.publish(target.mailbox, entries);
    }

    /** Folder event, the attendant's second modification (or an immediate accept), free/busy noise. */
    private void finish(Mailbox mailbox, StoredItem item, Instant now, long sequence, List<JournalEntry> entries) {
        entries.add(mailbox.recordFolderModified(now, Folder.CALENDAR, sequence));
        if (random.chance(noise.attendantUpdateRate())) {
            item.myResponse = Attendee.Response.ACCEPTED;
            item.changeNumber = mailbox.nextChangeNumber();
            entries.add(mailbox.recordItem(now, JournalEntry.Kind.MODIFIED, item, null, sequence));
        } else {
            item.myResponse = Attendee.Response.ACCEPTED;
        }
        noise(mailbox, now, sequence, entries);
    }

    private void noise(Mailbox mailbox, Instant now, long sequence, List<JournalEntry> entries) {
        if (random.chance(noise.freeBusyRate())) {
            entries.add(mailbox.recordFreeBusy(now, sequence));
        }
    }

    /**
     * Marks a change: new change key, and a last-modified time that strictly increases per item even
     * when the simulated clock stands still, so versions stay ordered.
     */
    private static void touch(Mailbox mailbox, StoredItem item, Instant now, long sequence) {
        item.changeNumber = mailbox.nextChangeNumber();
        item.lastModified = now.isAfter(item.lastModified) ? now : item.lastModified.plusMillis(1);
        item.sequence = sequence;
    }

    /** An iCalendar UID in Outlook's shape (GlobalObjectId: class id, creation time, GUID). */
    private String newUid(Instant now) {
        long fileTime = (now.getEpochSecond() + 11_644_473_600L) * 10_000_000L + now.getNano() / 100;
        UUID uuid = new UUID(random.nextInt(Integer.MAX_VALUE) * 31L + fileTime, fileTime ^ random.nextInt(1 << 30));
        HexFormat hex = HexFormat.of().withUpperCase();
        return "040000008200E00074C5B7101A82E00800000000" + hex.toHexDigits(Long.reverseBytes(fileTime))
                + "000000000000000010000000" + hex.toHexDigits(uuid.getMostSignificantBits())
                + hex.toHexDigits(uuid.getLeastSignificantBits());
    }

    private Mailbox mailbox(String address) {
        return store.byAddress(address).orElseThrow(() -> new NoSuchElementException("no mailbox " + address));
    }

    private Target target(String id, ItemIds.Kind kind) {
        ItemIds.Parsed parsed = ItemIds.parse(id).filter(p -> p.kind() == kind)
                .orElseThrow(() -> new IllegalArgumentException("not a simulator " + kind.name().toLowerCase()
                        + " id: " + id));
        Mailbox mailbox = store.byGuid(parsed.mailbox())
                .orElseThrow(() -> new NoSuchElementException("no mailbox for id " + id));
        return new Target(mailbox, parsed);
    }

    private record Target(Mailbox mailbox, ItemIds.Parsed id) {
        StoredItem item() {
            StoredItem item = mailbox.stored(id);
            if (item == null || (id.kind() == ItemIds.Kind.OCCURRENCE && (!item.master
                    || SeriesViews.status(item, id.occurrence()) != SeriesViews.Status.LIVE))) {
                throw new NoSuchElementException("no such booking in the calendar of " + mailbox.address());
            }
            return item;
        }
    }
}
