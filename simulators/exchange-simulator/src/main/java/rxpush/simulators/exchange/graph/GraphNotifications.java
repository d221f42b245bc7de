package rxpush.simulators.exchange.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import rxpush.simulators.exchange.calendar.ItemIds;
import rxpush.simulators.exchange.calendar.JournalEntry;

/** The JSON of change and lifecycle notifications, in the field order of real captures. */
final class GraphNotifications {

    private GraphNotifications() {
    }

    /** The Graph changeType of a journal entry, or null when Graph does not notify it. */
    static String changeType(JournalEntry entry) {
        if (entry.target() != JournalEntry.Target.ITEM) {
            return null;
        }
        return switch (entry.kind()) {
            case CREATED -> "created";
            case MODIFIED -> "updated";
            case DELETED, MOVED -> "deleted";
        };
    }

    static Map<String, Object> change(GraphSubscription s, JournalEntry entry, String changeType, String tenantId) {
        String itemId = entry.kind() == JournalEntry.Kind.MOVED ? entry.oldItemId() : entry.itemId();
        String id = s.immutableIds ? entry.immutableId() : ItemIds.restId(itemId);
        String path = "Users/" + s.mailbox.objectId() + "/Events/" + id;
        Map<String, Object> resourceData = new LinkedHashMap<>();
        resourceData.put("@odata.type", "#Microsoft.Graph.Event");
        resourceData.put("@odata.id", path);
        resourceData.put("@odata.etag", "W/\"" + entry.changeKey() + "\"");
        resourceData.put("id", id);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("subscriptionId", s.id);
        json.put("subscriptionExpirationDateTime", GraphTime.offset(s.expiration));
        json.put("changeType", changeType);
        json.put("resource", path);
        json.put("resourceData", resourceData);
        if (s.clientState != null) {
            json.put("clientState", s.clientState);
        }
        json.put("tenantId", tenantId);
        return json;
    }

    static Map<String, Object> lifecycle(GraphSubscription s, String event, String tenantId) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("subscriptionId", s.id);
        json.put("subscriptionExpirationDateTime", GraphTime.offset(s.expiration));
        json.put("tenantId", tenantId);
        if (s.clientState != null) {
            json.put("clientState", s.clientState);
        }
        json.put("lifecycleEvent", event);
        return json;
    }
}
