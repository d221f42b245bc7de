package rxpush.simulators.exchange.graph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import rxpush.simulators.exchange.calendar.Folder;
import rxpush.simulators.exchange.calendar.ItemIds;
import rxpush.simulators.exchange.calendar.ItemView;
import rxpush.simulators.exchange.calendar.JournalEntry;
import rxpush.simulators.exchange.calendar.Mailbox;
import rxpush.simulators.exchange.calendar.OccurrenceType;

/**
 * What one calendarView/delta round returns, recomputed identically for each page of the round. The
 * first round lists every event of the window that existed when the round began; later rounds list
 * the events of the window that changed in the round's journal range (a changed series: all its
 * occurrences in the window) and {@code @removed} entries for events that were deleted, cancelled
 * out of the calendar or moved out of the window.
 */
final class DeltaPages {

    private DeltaPages() {
    }

    static List<Map<String, Object>> round(Mailbox mailbox, DeltaToken token, boolean immutable, EventJson.Zone zone) {
        List<Map<String, Object>> events = new ArrayList<>();
        if (token.from() < 0) {
            Set<String> createdLater = new HashSet<>();
            for (JournalEntry entry : mailbox.journal().after(token.to(), Integer.MAX_VALUE)) {
                if (entry.kind() == JournalEntry.Kind.CREATED && entry.target() == JournalEntry.Target.ITEM) {
                    createdLater.add(entry.immutableId());
                }
            }
            for (ItemView item : mailbox.calendarView(token.windowStart(), token.windowEnd())) {
                String owner = item.seriesMasterImmutableId() != null ? item.seriesMasterImmutableId() : item.immutableId();
                if (!createdLater.contains(owner)) {
                    events.add(EventJson.of(item, immutable, zone));
                }
            }
            return events;
        }
        Map<String, String> touched = new LinkedHashMap<>();
        for (JournalEntry entry : mailbox.journal().after(token.from(), Integer.MAX_VALUE)) {
            if (entry.position() > token.to()) {
                break;
            }
            if (entry.target() == JournalEntry.Target.ITEM) {
                touched.putIfAbsent(entry.immutableId(),
                        entry.kind() == JournalEntry.Kind.MOVED ? entry.oldItemId() : entry.itemId());
            }
        }
        for (Map.Entry<String, String> item : touched.entrySet()) {
            ItemIds.Parsed parsed = ItemIds.parse(item.getKey()).orElseThrow();
            ItemView current = mailbox.find(parsed).filter(i -> i.folder() == Folder.CALENDAR).orElse(null);
            if (current == null) {
                events.add(EventJson.removed(immutable ? item.getKey() : ItemIds.restId(item.getValue())));
            } else if (current.type() == OccurrenceType.SERIES_MASTER) {
                mailbox.calendarView(token.windowStart(), token.windowEnd()).stream()
                        .filter(o -> current.immutableId().equals(o.seriesMasterImmutableId()))
                        .forEach(o -> events.add(EventJson.of(o, immutable, zone)));
            } else if (current.start().isBefore(token.windowEnd()) && current.end().isAfter(token.windowStart())) {
                events.add(EventJson.of(current, immutable, zone));
            } else {
                events.add(EventJson.removed(EventJson.id(current, immutable)));
            }
        }
        return events;
    }
}
