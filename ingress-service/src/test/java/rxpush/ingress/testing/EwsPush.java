package rxpush.ingress.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds SendNotification pushes in the shape of the real captures (fixtures/ews), for the cases
 * no capture covers (created, deleted, moved events; chosen watermarks).
 */
public final class EwsPush {

    private final String subscriptionId;
    private final String previousWatermark;
    private final List<String> events = new ArrayList<>();

    private EwsPush(String subscriptionId, String previousWatermark) {
        this.subscriptionId = subscriptionId;
        this.previousWatermark = previousWatermark;
    }

    public static EwsPush of(String subscriptionId, String previousWatermark) {
        return new EwsPush(subscriptionId, previousWatermark);
    }

    /**
     * One event of every item type, W1..W7 after W0: Created i1, Modified i2, Deleted i3, Moved
     * i4-old -> i4-new, Copied i5, NewMail i6, FreeBusyChanged i7.
     */
    public static EwsPush everyItemEvent(String subscriptionId) {
        return of(subscriptionId, "W0")
                .item("CreatedEvent", "W1", "i1", "c1")
                .item("ModifiedEvent", "W2", "i2", "c2")
                .item("DeletedEvent", "W3", "i3", "c3")
                .moved("W4", "i4-new", "i4-old")
                .item("CopiedEvent", "W5", "i5", "c5")
                .item("NewMailEvent", "W6", "i6", "c6")
                .item("FreeBusyChangedEvent", "W7", "i7", "c7");
    }

    /** An item event, e.g. {@code item("CreatedEvent", "W1", "item-1", "CK1")}. */
    public EwsPush item(String event, String watermark, String itemId, String changeKey) {
        events.add("<t:" + event + "><t:Watermark>" + watermark + "</t:Watermark>"
                + "<t:TimeStamp>2026-11-25T10:00:00Z</t:TimeStamp>"
                + "<t:ItemId Id=\"" + itemId + "\" ChangeKey=\"" + changeKey + "\"/>"
                + "<t:ParentFolderId Id=\"calendar\" ChangeKey=\"AQAAAA==\"/></t:" + event + ">");
        return this;
    }

    /** A MovedEvent from {@code oldItemId} to {@code itemId}. */
    public EwsPush moved(String watermark, String itemId, String oldItemId) {
        events.add("<t:MovedEvent><t:Watermark>" + watermark + "</t:Watermark>"
                + "<t:TimeStamp>2026-11-25T10:00:00Z</t:TimeStamp>"
                + "<t:ItemId Id=\"" + itemId + "\" ChangeKey=\"CK\"/><t:ParentFolderId Id=\"calendar\"/>"
                + "<t:OldItemId Id=\"" + oldItemId + "\" ChangeKey=\"CK0\"/><t:OldParentFolderId Id=\"inbox\"/>"
                + "</t:MovedEvent>");
        return this;
    }

    /** A folder-level ModifiedEvent. */
    public EwsPush folder(String watermark) {
        events.add("<t:ModifiedEvent><t:Watermark>" + watermark + "</t:Watermark>"
                + "<t:TimeStamp>2026-11-25T10:00:00Z</t:TimeStamp><t:FolderId Id=\"calendar\" ChangeKey=\"AgAAAA==\"/>"
                + "<t:ParentFolderId Id=\"root\"/></t:ModifiedEvent>");
        return this;
    }

    /** A StatusEvent (keep-alive). */
    public EwsPush status(String watermark) {
        events.add("<t:StatusEvent><t:Watermark>" + watermark + "</t:Watermark></t:StatusEvent>");
        return this;
    }

    public String xml() {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                + "<soap11:Envelope xmlns:soap11=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap11:Body>"
                + "<m:SendNotification xmlns:t=\"http://schemas.microsoft.com/exchange/services/2006/types\""
                + " xmlns:m=\"http://schemas.microsoft.com/exchange/services/2006/messages\"><m:ResponseMessages>"
                + "<m:SendNotificationResponseMessage ResponseClass=\"Success\"><m:ResponseCode>NoError</m:ResponseCode>"
                + "<m:Notification><t:SubscriptionId>" + subscriptionId + "</t:SubscriptionId>"
                + "<t:PreviousWatermark>" + previousWatermark + "</t:PreviousWatermark><t:MoreEvents>false</t:MoreEvents>"
                + String.join("", events)
                + "</m:Notification></m:SendNotificationResponseMessage></m:ResponseMessages></m:SendNotification>"
                + "</soap11:Body></soap11:Envelope>";
    }

    /**
     * This push as an error message (ResponseClass="Error" with {@code code}, e.g.
     * ErrorMissedNotificationEvents), its Notification kept or left out.
     */
    public String errorXml(String code, boolean withNotification) {
        String success = "<m:SendNotificationResponseMessage ResponseClass=\"Success\"><m:ResponseCode>NoError</m:ResponseCode>";
        String error = "<m:SendNotificationResponseMessage ResponseClass=\"Error\"><m:MessageText>Missed events.</m:MessageText>"
                + "<m:ResponseCode>" + code + "</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>";
        String xml = xml().replace(success, error);
        if (!withNotification) {
            xml = xml.substring(0, xml.indexOf("<m:Notification>")) + xml.substring(xml.indexOf("</m:Notification>")
                    + "</m:Notification>".length());
        }
        return xml;
    }

    public byte[] bytes() {
        return xml().getBytes(StandardCharsets.UTF_8);
    }
}
