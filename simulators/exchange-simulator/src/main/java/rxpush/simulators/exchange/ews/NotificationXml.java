package rxpush.simulators.exchange.ews;

import java.time.Instant;
import java.util.List;
import rxpush.simulators.exchange.calendar.JournalEntry;

/**
 * The SendNotification request Exchange POSTs to a push subscription's URL, in the envelope shape of
 * a real Exchange Online capture: {@code soap11:} prefix, RequestServerVersion in the header,
 * one Notification with SubscriptionId, PreviousWatermark, MoreEvents and the events.
 */
final class NotificationXml {

    static final String SOAP_ACTION = "http://schemas.microsoft.com/exchange/services/2006/messages/SendNotification";

    /** An event with the watermark that points just past it. */
    record Event(JournalEntry entry, String watermark) {
    }

    private NotificationXml() {
    }

    static String build(String version, String subscriptionId, String previousWatermark, boolean moreEvents,
                        List<Event> events, String statusWatermark) {
        XmlOut xml = new XmlOut(1024 + 400 * events.size());
        xml.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?><soap11:Envelope xmlns:soap11=\"" + Soap.ENVELOPE_NS + "\">");
        xml.raw("<soap11:Header><t:RequestServerVersion xmlns:m=\"" + Soap.MESSAGES_NS + "\" Version=\"");
        xml.text(version).raw("\" xmlns:t=\"" + Soap.TYPES_NS + "\" /></soap11:Header>");
        xml.raw("<soap11:Body><m:SendNotification xmlns:t=\"" + Soap.TYPES_NS + "\" xmlns:m=\"" + Soap.MESSAGES_NS + "\">");
        xml.raw("<m:ResponseMessages><m:SendNotificationResponseMessage ResponseClass=\"Success\">");
        xml.element("m:ResponseCode", "NoError");
        xml.start("m:Notification");
        xml.element("t:SubscriptionId", subscriptionId);
        xml.element("t:PreviousWatermark", previousWatermark);
        xml.element("t:MoreEvents", moreEvents);
        if (events.isEmpty()) {
            xml.start("t:StatusEvent").element("t:Watermark", statusWatermark).end("t:StatusEvent");
        }
        for (Event event : events) {
            writeEvent(xml, event);
        }
        xml.end("m:Notification");
        xml.raw("</m:SendNotificationResponseMessage></m:ResponseMessages></m:SendNotification></soap11:Body>"
                + "</soap11:Envelope>");
        return xml.toString();
    }

    /**
     * A SendNotification whose response message is an error
     * (https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/sendnotificationresponsemessage:
     * ResponseClass Error with ResponseCode and MessageText), e.g. ErrorMissedNotificationEvents when
     * Exchange lost events of the subscription. With {@code notification} it still names the
     * subscription, the watermark the listener holds and a StatusEvent with the watermark delivery
     * resumes from; without, the listener only learns that something went wrong.
     */
    static String error(String version, String subscriptionId, String previousWatermark, String resumeWatermark,
                        String code, String message, boolean notification) {
        XmlOut xml = new XmlOut(1024);
        xml.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?><soap11:Envelope xmlns:soap11=\"" + Soap.ENVELOPE_NS + "\">");
        xml.raw("<soap11:Header><t:RequestServerVersion xmlns:m=\"" + Soap.MESSAGES_NS + "\" Version=\"");
        xml.text(version).raw("\" xmlns:t=\"" + Soap.TYPES_NS + "\" /></soap11:Header>");
        xml.raw("<soap11:Body><m:SendNotification xmlns:t=\"" + Soap.TYPES_NS + "\" xmlns:m=\"" + Soap.MESSAGES_NS + "\">");
        xml.raw("<m:ResponseMessages><m:SendNotificationResponseMessage ResponseClass=\"Error\">");
        xml.element("m:MessageText", message);
        xml.element("m:ResponseCode", code);
        xml.element("m:DescriptiveLinkKey", 0);
        if (notification) {
            xml.start("m:Notification");
            xml.element("t:SubscriptionId", subscriptionId);
            xml.element("t:PreviousWatermark", previousWatermark);
            xml.element("t:MoreEvents", false);
            xml.start("t:StatusEvent").element("t:Watermark", resumeWatermark).end("t:StatusEvent");
            xml.end("m:Notification");
        }
        xml.raw("</m:SendNotificationResponseMessage></m:ResponseMessages></m:SendNotification></soap11:Body>"
                + "</soap11:Envelope>");
        return xml.toString();
    }

    private static void writeEvent(XmlOut xml, Event event) {
        JournalEntry entry = event.entry();
        String element = "t:" + entry.kind().element();
        xml.start(element);
        xml.element("t:Watermark", event.watermark());
        xml.element("t:TimeStamp", (Instant) entry.at());
        if (entry.target() == JournalEntry.Target.FOLDER) {
            xml.id("t:FolderId", entry.itemId(), entry.changeKey());
        } else {
            xml.id("t:ItemId", entry.itemId(), entry.changeKey());
        }
        xml.id("t:ParentFolderId", entry.parentFolderId(), entry.parentFolderChangeKey());
        if (entry.kind() == JournalEntry.Kind.MOVED) {
            xml.id("t:OldItemId", entry.oldItemId(), null);
            xml.id("t:OldParentFolderId", entry.oldParentFolderId(), null);
        }
        xml.end(element);
    }
}
