package rxpush.simulators.exchange.ews;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;
import rxpush.simulators.exchange.calendar.Folder;
import rxpush.simulators.exchange.calendar.ItemIds;
import rxpush.simulators.exchange.calendar.ItemView;
import rxpush.simulators.exchange.calendar.JournalEntry;
import rxpush.simulators.exchange.calendar.Mailbox;
import rxpush.simulators.exchange.control.Stats;

/**
 * SyncFolderItems on the calendar folder. Without a SyncState it pages through every stored item as
 * Create changes (items created meanwhile come later, as changes); with one it reports what changed
 * since: Create, Update (current state) and Delete (the id the item had in the folder), at most
 * MaxChangesReturned distinct items per call. A SyncState that is malformed, for another mailbox or
 * past the journal retention is ErrorInvalidSyncStateData.
 */
final class SyncFolderItemsOperation implements EwsOperation {

    private final Folders folders;
    private final Stats stats;
    private final Clock clock;

    SyncFolderItemsOperation(Folders folders, Stats stats, Clock clock) {
        this.folders = folders;
        this.stats = stats;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "SyncFolderItems";
    }

    @Override
    public Result handle(Element request, EwsCaller caller) {
        ItemShape shape = ItemShape.parse(SecureXml.child(request, Soap.MESSAGES_NS, "ItemShape"));
        List<Element> folderIds = SecureXml.children(SecureXml.child(request, Soap.MESSAGES_NS, "SyncFolderId"));
        if (folderIds.size() != 1) {
            throw EwsFault.schema("SyncFolderId needs one folder");
        }
        int max = maxChanges(SecureXml.childText(request, Soap.MESSAGES_NS, "MaxChangesReturned"));
        String state = SecureXml.childText(request, Soap.MESSAGES_NS, "SyncState");
        Set<String> ignored = new HashSet<>();
        for (Element id : SecureXml.children(SecureXml.child(request, Soap.MESSAGES_NS, "Ignore"))) {
            ignored.add(SecureXml.attribute(id, "Id"));
        }
        return Result.of(EwsOperation.responses(name(), List.of(xml -> {
            Folders.Resolved folder = folders.resolve(folderIds.getFirst(), caller);
            if (folder.folder() != Folder.CALENDAR) {
                throw new EwsError("ErrorSyncFolderNotFound", "The specified folder could not be found in the store.");
            }
            Mailbox mailbox = folder.mailbox();
            Instant now = clock.instant();
            Sync sync = new Sync(mailbox, shape, caller, ignored, max);
            if (state == null || state.isEmpty()) {
                sync.enumerate(mailbox.journal().head(), 0);
            } else {
                ItemIds.Position position = ItemIds.parseSyncState(state)
                        .filter(p -> p.mailbox().equals(mailbox.guid()))
                        .filter(p -> mailbox.journal().canResumeFrom(p.position()))
                        .orElseThrow(() -> new EwsError("ErrorInvalidSyncStateData",
                                "Synchronization state data is corrupt or otherwise invalid."));
                if (position.offset() >= 0) {
                    sync.enumerate(position.position(), position.offset());
                } else {
                    sync.changesSince(position.position());
                }
            }
            stats.add("ews.SyncFolderItems.changes", sync.count);
            xml.element("m:SyncState", ItemIds.syncState(mailbox.guid(), sync.position, sync.offset, now));
            xml.element("m:IncludesLastItemInRange", !sync.more);
            xml.start("m:Changes").raw(sync.changes.toString()).end("m:Changes");
        })));
    }

    private static int maxChanges(String text) {
        try {
            int value = Integer.parseInt(text);
            if (value >= 1 && value <= 512) {
                return value;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // reported below
        }
        throw EwsFault.schema("MaxChangesReturned must be between 1 and 512");
    }

    /** One synchronization pass; collects the changes and the state to hand back. */
    private final class Sync {
        final Mailbox mailbox;
        final ItemShape shape;
        final EwsCaller caller;
        final Set<String> ignored;
        final int max;
        final XmlOut changes = new XmlOut(4096);
        long position;
        int offset = -1;
        boolean more;
        int count;

        Sync(Mailbox mailbox, ItemShape shape, EwsCaller caller, Set<String> ignored, int max) {
            this.mailbox = mailbox;
            this.shape = shape;
            this.caller = caller;
            this.ignored = ignored;
            this.max = max;
        }

        /** First synchronization: every item that existed at {@code start}, from {@code from} on. */
        void enumerate(long start, int from) {
            Set<String> createdLater = new HashSet<>();
            for (JournalEntry entry : mailbox.journal().after(start, Integer.MAX_VALUE)) {
                if (entry.kind() == JournalEntry.Kind.CREATED && entry.target() == JournalEntry.Target.ITEM) {
                    createdLater.add(entry.immutableId());
                }
            }
            List<ItemView> items = mailbox.calendarItems().stream()
                    .filter(item -> !createdLater.contains(item.immutableId())).toList();
            int end = Math.min(items.size(), from + max);
            for (ItemView item : items.subList(Math.min(from, items.size()), end)) {
                write("t:Create", item);
            }
            position = start;
            more = end < items.size();
            offset = more ? end : -1;
        }

        /** Net changes per item after {@code since}, at most {@code max} distinct items. */
        void changesSince(long since) {
            Map<Long, boolean[]> created = new LinkedHashMap<>();
            Map<Long, String> folderIds = new LinkedHashMap<>();
            Map<Long, String> immutableIds = new LinkedHashMap<>();
            long consumed = since;
            scan:
            for (JournalEntry entry : mailbox.journal().after(since, Integer.MAX_VALUE)) {
                if (entry.target() == JournalEntry.Target.ITEM) {
                    long number = ItemIds.parse(entry.immutableId()).orElseThrow().number();
                    if (!created.containsKey(number) && created.size() == max) {
                        more = true;
                        break scan;
                    }
                    created.computeIfAbsent(number, n -> new boolean[1]);
                    immutableIds.put(number, entry.immutableId());
                    if (entry.kind() == JournalEntry.Kind.CREATED) {
                        created.get(number)[0] = true;
                    }
                    folderIds.putIfAbsent(number,
                            entry.kind() == JournalEntry.Kind.MOVED ? entry.oldItemId() : entry.itemId());
                }
                consumed = entry.position();
            }
            for (Map.Entry<Long, boolean[]> change : created.entrySet()) {
                ItemView current = ItemIds.parse(immutableIds.get(change.getKey()))
                        .flatMap(mailbox::find).filter(item -> item.folder() == Folder.CALENDAR).orElse(null);
                if (current != null) {
                    write(change.getValue()[0] ? "t:Create" : "t:Update", current);
                } else if (!change.getValue()[0] && !ignored.contains(folderIds.get(change.getKey()))) {
                    changes.start("t:Delete").id("t:ItemId", folderIds.get(change.getKey()), null).end("t:Delete");
                    count++;
                }
            }
            position = consumed;
        }

        private void write(String element, ItemView item) {
            if (ignored.contains(item.ewsId())) {
                return;
            }
            changes.start(element);
            ItemXml.write(changes, item, shape, caller, false);
            changes.end(element);
            count++;
        }
    }
}
