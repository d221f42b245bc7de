package rxpush.simulators.exchange.ews;

import rxpush.simulators.exchange.calendar.CalendarStore;
import rxpush.simulators.exchange.calendar.Folder;
import rxpush.simulators.exchange.calendar.ItemIds;
import rxpush.simulators.exchange.calendar.Mailbox;
import org.w3c.dom.Element;

/** Resolves {@code t:DistinguishedFolderId} and {@code t:FolderId} elements to a mailbox folder. */
final class Folders {

    record Resolved(Mailbox mailbox, Folder folder) {
        String id() {
            return mailbox.folderId(folder);
        }
    }

    private final CalendarStore store;
    private final EwsAccess access;

    Folders(CalendarStore store, EwsAccess access) {
        this.store = store;
        this.access = access;
    }

    Resolved resolve(Element folderId, EwsCaller caller) {
        String id = SecureXml.attribute(folderId, "Id");
        if (id == null) {
            throw EwsFault.schema("a folder id needs an Id attribute");
        }
        if ("DistinguishedFolderId".equals(folderId.getLocalName())) {
            Folder folder = Folder.byDistinguishedId(id);
            if (folder == null) {
                throw new EwsError("ErrorFolderNotFound", "The specified folder could not be found in the store.");
            }
            String address = SecureXml.childText(SecureXml.child(folderId, Soap.TYPES_NS, "Mailbox"), Soap.TYPES_NS,
                    "EmailAddress");
            return new Resolved(access.mailboxFor(caller, address), folder);
        }
        if (!"FolderId".equals(folderId.getLocalName())) {
            throw EwsFault.schema("unexpected folder element " + folderId.getLocalName());
        }
        ItemIds.Parsed parsed = ItemIds.parse(id).orElseThrow(EwsError::malformedId);
        if (parsed.kind() != ItemIds.Kind.FOLDER) {
            throw EwsError.malformedId();
        }
        Mailbox mailbox = store.byGuid(parsed.mailbox()).orElseThrow(() -> new EwsError("ErrorFolderNotFound",
                "The specified folder could not be found in the store."));
        access.check(caller, mailbox);
        return new Resolved(mailbox, parsed.folder());
    }
}
