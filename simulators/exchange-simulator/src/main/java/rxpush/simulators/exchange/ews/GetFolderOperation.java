package rxpush.simulators.exchange.ews;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.w3c.dom.Element;
import rxpush.simulators.exchange.calendar.Folder;
import rxpush.simulators.exchange.control.Stats;

/**
 * GetFolder for the folders the simulator has (calendar, deleted items, root), by distinguished id
 * or folder id, with the caller's access rules. Clients use it to learn a calendar's FolderId (to
 * tell whether an item still lives there) and to check access, as rx-push's doctor does.
 */
final class GetFolderOperation implements EwsOperation {

    private final Folders folders;
    private final Stats stats;

    GetFolderOperation(Folders folders, Stats stats) {
        this.folders = folders;
        this.stats = stats;
    }

    @Override
    public String name() {
        return "GetFolder";
    }

    @Override
    public Result handle(Element request, EwsCaller caller) {
        if (SecureXml.child(request, Soap.MESSAGES_NS, "FolderShape") == null) {
            throw EwsFault.schema("GetFolder needs a FolderShape");
        }
        List<Element> ids = SecureXml.children(SecureXml.child(request, Soap.MESSAGES_NS, "FolderIds"));
        if (ids.isEmpty()) {
            throw EwsFault.schema("FolderIds needs a folder");
        }
        List<Consumer<XmlOut>> parts = new ArrayList<>();
        for (Element id : ids) {
            parts.add(xml -> {
                Folders.Resolved folder = folders.resolve(id, caller);
                stats.increment("ews.GetFolder.folders");
                String element = folder.folder() == Folder.CALENDAR ? "t:CalendarFolder" : "t:Folder";
                xml.start("m:Folders").start(element)
                        .start("t:FolderId").attr("Id", folder.id()).attr("ChangeKey", "AQAAAA==").end("t:FolderId")
                        .element("t:DisplayName", displayName(folder.folder()))
                        .end(element).end("m:Folders");
            });
        }
        return Result.of(EwsOperation.responses(name(), parts));
    }

    private static String displayName(Folder folder) {
        return switch (folder) {
            case CALENDAR -> "Calendar";
            case DELETED_ITEMS -> "Deleted Items";
            case ROOT -> "Top of Information Store";
            case NONE -> "";
        };
    }
}
