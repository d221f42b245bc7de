package rxpush.simulators.exchange.ews;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/** Reads a SendNotification body the way a listener would (namespace-aware, prefixes ignored). */
record Notifications(String subscriptionId, String previousWatermark, boolean moreEvents, List<Event> events) {

    static final String M = "http://schemas.microsoft.com/exchange/services/2006/messages";
    static final String T = "http://schemas.microsoft.com/exchange/services/2006/types";

    record Event(String type, String watermark, String itemId, String folderId) {
    }

    static Notifications parse(String body) {
        Element envelope = SecureXml.parse(body.getBytes(StandardCharsets.UTF_8)).getDocumentElement();
        Element notification = SecureXml.child(SecureXml.child(SecureXml.child(SecureXml.child(SecureXml.child(
                envelope, "http://schemas.xmlsoap.org/soap/envelope/", "Body"), M, "SendNotification"), M,
                "ResponseMessages"), M, "SendNotificationResponseMessage"), M, "Notification");
        List<Event> events = new ArrayList<>();
        for (Element child : SecureXml.children(notification)) {
            if (child.getLocalName().endsWith("Event")) {
                Element item = SecureXml.child(child, T, "ItemId");
                Element folder = SecureXml.child(child, T, "FolderId");
                events.add(new Event(child.getLocalName(), SecureXml.childText(child, T, "Watermark"),
                        SecureXml.attribute(item, "Id"), SecureXml.attribute(folder, "Id")));
            }
        }
        return new Notifications(SecureXml.childText(notification, T, "SubscriptionId"),
                SecureXml.childText(notification, T, "PreviousWatermark"),
                Boolean.parseBoolean(SecureXml.childText(notification, T, "MoreEvents")), events);
    }

    String lastWatermark() {
        return events.getLast().watermark();
    }

    List<String> types() {
        return events.stream().map(Event::type).toList();
    }
}
