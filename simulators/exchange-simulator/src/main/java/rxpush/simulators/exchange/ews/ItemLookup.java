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
 * that is stale because the item moved), ErrorAccessDenied, and for occurrences a live series no
 * longer has ErrorCalendarOccurrenceIsDeletedFromRecurrence / ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange.
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
        return mailbox.find(parsed).orElseThrow(() -> notFound(mailbox, parsed));
    }

    /**
     * An occurrence (by its own ItemId or by OccurrenceItemId) that its live series no longer has:
     * removed from it (cancelled) is ErrorCalendarOccurrenceIsDeletedFromRecurrence, past its end
     * (the series was shortened, or the index never existed) is
     * ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange
     * (https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/handling-deletion-related-errors-in-ews-in-exchange,
     * https://learn.microsoft.com/en-us/openspecs/exchange_server_protocols/ms-oxwscdata/53734587-8b80-4cd8-b0ea-92da6b960d9e).
     * Anything else is ErrorItemNotFound.
     */
    private static EwsError notFound(Mailbox mailbox, ItemIds.Parsed parsed) {
        String gone = mailbox.occurrenceGone(parsed);
        if ("DELETED".equals(gone)) {
            return new EwsError("ErrorCalendarOccurrenceIsDeletedFromRecurrence",
                    "Occurrence with this index was previously deleted from the recurrence.");
        }
        if ("OUT_OF_RANGE".equals(gone)) {
            return outOfRange();
        }
        return EwsError.itemNotFound();
    }

    private static EwsError outOfRange() {
        return new EwsError("ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange",
                "Occurrence index is out of recurrence range.");
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
            throw outOfRange();
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
