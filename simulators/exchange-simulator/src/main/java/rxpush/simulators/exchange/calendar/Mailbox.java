package rxpush.simulators.exchange.calendar;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One simulated room mailbox: identity, calendar items (and what was moved to Deleted Items),
 * tombstones of deleted bookings and the change journal. Every mutation holds this object's lock;
 * readers get immutable {@link ItemView} snapshots.
 */
public final class Mailbox {

    /** A booking that left the calendar (deleted or moved to Deleted Items). */
    public record Tombstone(String ewsId, String immutableId, String iCalUid, Instant deletedAt, long sequence) {
    }

    private final int index;
    private final String address;
    private final String displayName;
    private final UUID guid;
    private final String objectId;
    private final Journal journal = new Journal();
    private final Map<Long, StoredItem> items = new LinkedHashMap<>();
    private final List<Tombstone> tombstones = new ArrayList<>();
    private final Map<Folder, Integer> folderChanges = new java.util.EnumMap<>(Folder.class);
    private long nextNumber = 1;
    private long changeNumber = 0x1E000;
    private long freeBusyChange;
    private Instant freeBusyModified;

    Mailbox(int index, String address, String displayName, UUID guid, String objectId, Instant created) {
        this.index = index;
        this.address = address;
        this.displayName = displayName;
        this.guid = guid;
        this.objectId = objectId;
        this.freeBusyModified = created;
        this.freeBusyChange = nextChangeNumber();
    }

    public int index() {
        return index;
    }

    public String address() {
        return address;
    }

    public String displayName() {
        return displayName;
    }

    /** The mailbox GUID embedded in ids, change keys and watermarks. */
    public UUID guid() {
        return guid;
    }

    /** The Graph user id (an Entra ID object id). */
    public String objectId() {
        return objectId;
    }

    public Journal journal() {
        return journal;
    }

    public String folderId(Folder folder) {
        return ItemIds.folderId(guid, folder);
    }

    public synchronized String folderChangeKey(Folder folder) {
        return intKey(folderChanges.getOrDefault(folder, 1));
    }

    public String freeBusyItemId() {
        // Kept in the calendar folder so that its changes reach calendar subscriptions as noise, the
        // way the legacy service saw IPM.SchedulePlus.FreeBusy.BinaryData items arrive.
        return ItemIds.ewsId(guid, ItemIds.Kind.FREEBUSY, Folder.CALENDAR, 1, 0);
    }

    /** Live calendar items (singles and series masters), oldest first. */
    public synchronized List<ItemView> calendarItems() {
        return items.values().stream().filter(i -> i.folder == Folder.CALENDAR).map(this::view).toList();
    }

    /**
     * Items, expanded occurrences and tombstones in one consistent read; occurrences of series are
     * listed up to {@code until} (a series without end has no last one).
     */
    synchronized Truth.MailboxTruth truth(Instant until) {
        List<ItemView> live = calendarItems();
        List<ItemView> occurrences = new ArrayList<>();
        for (StoredItem item : items.values()) {
            if (item.master && item.folder == Folder.CALENDAR) {
                occurrences.addAll(SeriesViews.occurrences(this, item, until));
            }
        }
        return new Truth.MailboxTruth(address, objectId, live, occurrences, List.copyOf(tombstones));
    }

    public synchronized List<Tombstone> tombstones() {
        return List.copyOf(tombstones);
    }

    /**
     * What a calendar view shows for {@code [from, to)}: single items and expanded occurrences and
     * exceptions of series (never the masters), ordered by start.
     */
    public synchronized List<ItemView> calendarView(Instant from, Instant to) {
        List<ItemView> found = new ArrayList<>();
        for (StoredItem item : items.values()) {
            if (item.folder != Folder.CALENDAR) {
                continue;
            }
            if (!item.master) {
                if (item.start.isBefore(to) && item.end.isAfter(from)) {
                    found.add(view(item));
                }
                continue;
            }
            for (ItemView occurrence : SeriesViews.occurrences(this, item, to)) {
                if (occurrence.start().isBefore(to) && occurrence.end().isAfter(from)) {
                    found.add(occurrence);
                }
            }
        }
        found.sort(Comparator.comparing(ItemView::start).thenComparing(ItemView::ewsId));
        return found;
    }

    /** The entry an id (any form) points at in this mailbox, if it still exists there. */
    public synchronized Optional<ItemView> find(ItemIds.Parsed id) {
        if (!id.mailbox().equals(guid)) {
            return Optional.empty();
        }
        return switch (id.kind()) {
            case FREEBUSY -> Optional.of(freeBusyView());
            case FOLDER -> Optional.empty();
            case ITEM -> Optional.ofNullable(items.get(id.number()))
                    .filter(item -> id.immutable() || item.folder == id.folder())
                    .map(this::view);
            case OCCURRENCE -> Optional.ofNullable(items.get(id.number()))
                    .filter(item -> item.master && item.folder == Folder.CALENDAR)
                    .filter(item -> SeriesViews.status(item, id.occurrence()) == SeriesViews.Status.LIVE)
                    .map(item -> occurrenceView(item, id.occurrence()));
        };
    }

    /**
     * Why an occurrence id finds nothing: {@code DELETED} (removed from its series),
     * {@code OUT_OF_RANGE} (past the series' end), or {@code null} when its master is gone (or the id
     * is no occurrence of this mailbox, or the occurrence is there).
     */
    public synchronized String occurrenceGone(ItemIds.Parsed id) {
        if (!id.mailbox().equals(guid) || id.kind() != ItemIds.Kind.OCCURRENCE) {
            return null;
        }
        StoredItem item = items.get(id.number());
        if (item == null || !item.master || item.folder != Folder.CALENDAR) {
            return null;
        }
        SeriesViews.Status status = SeriesViews.status(item, id.occurrence());
        return status == SeriesViews.Status.LIVE ? null : status.name();
    }

    // ---- mutation primitives, used by Bookings with this mailbox's lock held ----

    StoredItem newItem(boolean master, Instant now, String iCalUid) {
        StoredItem item = new StoredItem(nextNumber++, master, now, iCalUid);
        item.changeNumber = nextChangeNumber();
        items.put(item.number, item);
        return item;
    }

    StoredItem stored(ItemIds.Parsed id) {
        if (!id.mailbox().equals(guid) || id.kind() == ItemIds.Kind.FREEBUSY || id.kind() == ItemIds.Kind.FOLDER) {
            return null;
        }
        StoredItem item = items.get(id.number());
        return item != null && item.folder == Folder.CALENDAR ? item : null;
    }

    void remove(StoredItem item) {
        items.remove(item.number);
    }

    List<StoredItem> storedInCalendar() {
        return items.values().stream().filter(i -> i.folder == Folder.CALENDAR).toList();
    }

    long nextChangeNumber() {
        return ++changeNumber;
    }

    void tombstone(StoredItem item, Instant at, long sequence) {
        tombstones.add(new Tombstone(ewsId(item), immutableId(item), item.iCalUid, at, sequence));
    }

    /** Records an event on an item; {@code oldFolder} is set for moves. */
    JournalEntry recordItem(Instant at, JournalEntry.Kind kind, StoredItem item, Folder oldFolder, long sequence) {
        String oldId = oldFolder == null ? null : ItemIds.ewsId(guid, ItemIds.Kind.ITEM, oldFolder, item.number, 0);
        String oldParent = oldFolder == null ? null : folderId(oldFolder);
        return journal.append(new JournalEntry(0, at, kind, JournalEntry.Target.ITEM, ewsId(item),
                ItemIds.changeKey(guid, item.changeNumber), folderId(item.folder), folderChangeKey(item.folder),
                oldId, oldParent, immutableId(item), sequence));
    }

    /** Records that the calendar folder itself changed (its item count or content). */
    JournalEntry recordFolderModified(Instant at, Folder folder, long sequence) {
        folderChanges.merge(folder, 1, Integer::sum);
        return journal.append(new JournalEntry(0, at, JournalEntry.Kind.MODIFIED, JournalEntry.Target.FOLDER,
                folderId(folder), folderChangeKey(folder), folderId(Folder.ROOT), folderChangeKey(Folder.ROOT),
                null, null, null, sequence));
    }

    /** Records a change of the free/busy item (noise that every booking change may cause). */
    JournalEntry recordFreeBusy(Instant at, long sequence) {
        freeBusyChange = nextChangeNumber();
        freeBusyModified = at;
        return journal.append(new JournalEntry(0, at, JournalEntry.Kind.MODIFIED, JournalEntry.Target.FREEBUSY,
                freeBusyItemId(), ItemIds.changeKey(guid, freeBusyChange), folderId(Folder.CALENDAR),
                folderChangeKey(Folder.CALENDAR), null, null,
                ItemIds.immutableId(guid, ItemIds.Kind.FREEBUSY, 1, 0), sequence));
    }

    // ---- views ----

    String ewsId(StoredItem item) {
        return ItemIds.ewsId(guid, ItemIds.Kind.ITEM, item.folder, item.number, 0);
    }

    String immutableId(StoredItem item) {
        return ItemIds.immutableId(guid, ItemIds.Kind.ITEM, item.number, 0);
    }

    ItemView view(StoredItem item) {
        return new ItemView(address, ewsId(item), immutableId(item), ItemIds.changeKey(guid, item.changeNumber),
                folderId(item.folder), item.folder, ItemView.APPOINTMENT_CLASS,
                item.master ? OccurrenceType.SERIES_MASTER : OccurrenceType.SINGLE, null, null, 0, null,
                item.iCalUid, item.subject, item.body, item.organizer, item.start, item.end, item.timeZone,
                item.allDay, item.location, item.sensitivity, item.attendees, item.cancelled, item.created,
                item.lastModified, item.sequence, item.appointmentSequence, item.myResponse, item.recurrence,
                item.master ? SeriesViews.series(this, item) : null);
    }

    ItemView occurrenceView(StoredItem master, int index) {
        return SeriesViews.occurrence(this, master, index);
    }

    private ItemView freeBusyView() {
        return new ItemView(address, freeBusyItemId(), ItemIds.immutableId(guid, ItemIds.Kind.FREEBUSY, 1, 0),
                ItemIds.changeKey(guid, freeBusyChange), folderId(Folder.CALENDAR), Folder.CALENDAR,
                ItemView.FREEBUSY_CLASS, null, null, null, 0, null, null, null, null, null, null, null, null,
                false, null, Sensitivity.NORMAL, List.of(), false, freeBusyModified, freeBusyModified, 0, 0,
                Attendee.Response.NONE, null, null);
    }

    private static String intKey(int value) {
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(value).array());
    }
}
