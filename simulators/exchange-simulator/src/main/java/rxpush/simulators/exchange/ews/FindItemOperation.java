package rxpush.simulators.exchange.ews;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.w3c.dom.Element;
import rxpush.simulators.exchange.calendar.Folder;
import rxpush.simulators.exchange.calendar.ItemView;
import rxpush.simulators.exchange.control.Stats;

/**
 * FindItem on a calendar: with a CalendarView, the single items and expanded occurrences and
 * exceptions overlapping the range (never masters), at most MaxEntriesReturned of them
 * (IncludesLastItemInRange=false when cut); with an IndexedPageItemView (or no view), the stored
 * items (singles and masters) page by page. One response message per parent folder.
 */
final class FindItemOperation implements EwsOperation {

    private final Folders folders;
    private final Stats stats;

    FindItemOperation(Folders folders, Stats stats) {
        this.folders = folders;
        this.stats = stats;
    }

    @Override
    public String name() {
        return "FindItem";
    }

    @Override
    public Result handle(Element request, EwsCaller caller) {
        ItemShape shape = ItemShape.parse(SecureXml.child(request, Soap.MESSAGES_NS, "ItemShape"));
        Element calendarView = SecureXml.child(request, Soap.MESSAGES_NS, "CalendarView");
        Element pageView = SecureXml.child(request, Soap.MESSAGES_NS, "IndexedPageItemView");
        if (SecureXml.child(request, Soap.MESSAGES_NS, "FractionalPageItemView") != null) {
            throw EwsFault.schema("FractionalPageItemView is not simulated");
        }
        List<Element> parents = SecureXml.children(SecureXml.child(request, Soap.MESSAGES_NS, "ParentFolderIds"));
        if (parents.isEmpty()) {
            throw EwsFault.schema("ParentFolderIds needs a folder");
        }
        List<Consumer<XmlOut>> parts = new ArrayList<>();
        for (Element parent : parents) {
            parts.add(xml -> {
                Folders.Resolved folder = folders.resolve(parent, caller);
                if (calendarView != null) {
                    writeCalendarView(xml, folder, calendarView, shape, caller);
                } else {
                    writePage(xml, folder, pageView, shape, caller);
                }
            });
        }
        return Result.of(EwsOperation.responses(name(), parts));
    }

    private void writeCalendarView(XmlOut xml, Folders.Resolved folder, Element view, ItemShape shape, EwsCaller caller) {
        Instant start = instant(SecureXml.attribute(view, "StartDate"), "StartDate");
        Instant end = instant(SecureXml.attribute(view, "EndDate"), "EndDate");
        if (end.isBefore(start)) {
            throw new EwsError("ErrorCalendarEndDateIsEarlierThanStartDate",
                    "The EndDate value must be greater than or equal to the StartDate value.");
        }
        if (end.isAfter(start.atZone(java.time.ZoneOffset.UTC).plusYears(2).toInstant())) {
            // EWS expands a CalendarView over at most two years (the store's expansion limit, 732 days
            // observed); the simulator refuses anything past two calendar years, which is never laxer.
            throw new EwsError("ErrorCalendarViewRangeTooBig",
                    "The time span between StartDate and EndDate is greater than the allowable range.");
        }
        int max = number(SecureXml.attribute(view, "MaxEntriesReturned"), Integer.MAX_VALUE);
        List<ItemView> found = folder.folder() == Folder.CALENDAR ? folder.mailbox().calendarView(start, end) : List.of();
        List<ItemView> returned = found.subList(0, Math.min(max, found.size()));
        stats.add("ews.FindItem.items", returned.size());
        xml.start("m:RootFolder").attr("TotalItemsInView", Integer.toString(found.size()))
                .attr("IncludesLastItemInRange", Boolean.toString(returned.size() == found.size()));
        writeItems(xml, returned, shape, caller);
        xml.end("m:RootFolder");
    }

    private void writePage(XmlOut xml, Folders.Resolved folder, Element view, ItemShape shape, EwsCaller caller) {
        List<ItemView> all = folder.folder() == Folder.CALENDAR ? folder.mailbox().calendarItems() : List.of();
        int max = number(SecureXml.attribute(view, "MaxEntriesReturned"), Integer.MAX_VALUE);
        int offset = Math.min(number(SecureXml.attribute(view, "Offset"), 0), all.size());
        if ("End".equals(SecureXml.attribute(view, "BasePoint"))) {
            offset = Math.max(0, all.size() - offset - Math.min(max, all.size()));
        }
        List<ItemView> returned = all.subList(offset, Math.min(all.size(), offset + max));
        stats.add("ews.FindItem.items", returned.size());
        xml.start("m:RootFolder").attr("IndexedPagingOffset", Integer.toString(offset + returned.size()))
                .attr("TotalItemsInView", Integer.toString(all.size()))
                .attr("IncludesLastItemInRange", Boolean.toString(offset + returned.size() >= all.size()));
        writeItems(xml, returned, shape, caller);
        xml.end("m:RootFolder");
    }

    private static void writeItems(XmlOut xml, List<ItemView> items, ItemShape shape, EwsCaller caller) {
        xml.start("t:Items");
        for (ItemView item : items) {
            ItemXml.write(xml, item, shape, caller, true);
        }
        xml.end("t:Items");
    }

    static Instant instant(String text, String name) {
        if (text == null) {
            throw EwsFault.schema(name + " is required");
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw EwsFault.schema(name + " is not an xs:dateTime");
            }
        }
    }

    private static int number(String text, int fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw EwsFault.schema("expected a non-negative integer, got " + text);
    }
}
