package rxpush.simulators.exchange.ews;

import org.w3c.dom.Element;
import rxpush.simulators.exchange.calendar.CalendarStore;
import rxpush.simulators.exchange.calendar.Folder;
import rxpush.simulators.exchange.calendar.ItemIds;
import rxpush.simulators.exchange.calendar.ItemView;
import rxpush.simulators.exchange.calendar.Mailbox;

/**
 * Resolves {@code t:ItemId}, {@code t:OccurrenceItemId} and {@code t:RecurringMasterItemId} to the
 * entry they name, with EWS's errors: ErrorInvalidIdMalformed, ErrorItemNotFound (also for an id
 * that is stale because the item moved), ErrorAccessDenied.
 */
final class ItemLookup {

    private final CalendarStore store;
    private final EwsAccess access;

    ItemLookup(CalendarStore store, EwsAccess access) {
        this.store = store;
        this.access = access;
    }

    ItemView find(Element idElement, EwsCaller caller) {
        ItemIds.Parsed parsed = switch (idElement.getLocalName()) {
            case "ItemId" -> parse(SecureXml.attribute(idElement, "Id"));
            case "OccurrenceItemId" -> occurrenceOf(idElement);
            case "RecurringMasterItemId" -> masterOf(parse(SecureXml.attribute(idElement, "OccurrenceId")));
            default -> throw EwsFault.schema("unexpected item id element " + idElement.getLocalName());
        };
        Mailbox mailbox = store.byGuid(parsed.mailbox()).orElseThrow(EwsError::itemNotFound);
        access.check(caller, mailbox);
        return mailbox.find(parsed).orElseThrow(EwsError::itemNotFound);
    }

    private static ItemIds.Parsed parse(String id) {
        if (id == null) {
            throw EwsFault.schema("an item id needs an Id attribute");
        }
        ItemIds.Parsed parsed = ItemIds.parse(id).orElseThrow(EwsError::malformedId);
        if (parsed.kind() == ItemIds.Kind.FOLDER) {
            throw EwsError.malformedId();
        }
        return parsed;
    }

    private static ItemIds.Parsed occurrenceOf(Element element) {
        ItemIds.Parsed master = parse(SecureXml.attribute(element, "RecurringMasterId"));
        int index;
        try {
            index = Integer.parseInt(SecureXml.attribute(element, "InstanceIndex"));
        } catch (NumberFormatException | NullPointerException e) {
            throw EwsFault.schema("InstanceIndex must be a number");
        }
        if (master.kind() != ItemIds.Kind.ITEM || index < 1) {
            throw new EwsError("ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange",
                    "Occurrence index is out of recurrence range.");
        }
        return new ItemIds.Parsed(master.mailbox(), ItemIds.Kind.OCCURRENCE, Folder.CALENDAR, master.number(), index,
                false);
    }

    private static ItemIds.Parsed masterOf(ItemIds.Parsed occurrence) {
        if (occurrence.kind() != ItemIds.Kind.OCCURRENCE) {
            throw new EwsError("ErrorItemIsNotOccurrence", "The item is not an occurrence of a recurring series.");
        }
        return new ItemIds.Parsed(occurrence.mailbox(), ItemIds.Kind.ITEM, Folder.CALENDAR, occurrence.number(), 0,
                false);
    }
}
