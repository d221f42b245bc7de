package rxpush.ingress.ews;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import rxpush.ingress.http.MalformedNotificationException;

/**
 * Reads an EWS push ({@code SendNotification} in a SOAP 1.1 envelope) into {@link EwsNotification}s.
 * Namespaces are checked, prefixes are not. Elements rx-push does not need (the SOAP header,
 * ParentFolderId, unknown event types) are ignored; what it needs must be present and sane, else
 * the whole push is refused so that nothing half-read reaches Kafka.
 */
final class SendNotificationParser {

    static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String MESSAGES = "http://schemas.microsoft.com/exchange/services/2006/messages";
    static final String TYPES = "http://schemas.microsoft.com/exchange/services/2006/types";

    private SendNotificationParser() {
    }

    static List<EwsNotification> parse(byte[] body) throws MalformedNotificationException {
        XmlElement envelope = SafeXml.parse(body);
        if (!envelope.is(SOAP11, "Envelope")) {
            throw new MalformedNotificationException("not a SOAP 1.1 envelope");
        }
        XmlElement soapBody = envelope.child(SOAP11, "Body")
                .orElseThrow(() -> new MalformedNotificationException("SOAP Body missing"));
        XmlElement send = soapBody.children().stream().findFirst()
                .filter(e -> e.is(MESSAGES, "SendNotification"))
                .orElseThrow(() -> new MalformedNotificationException("SOAP Body does not hold a SendNotification"));
        XmlElement messages = send.child(MESSAGES, "ResponseMessages")
                .orElseThrow(() -> new MalformedNotificationException("ResponseMessages missing"));
        List<EwsNotification> notifications = new ArrayList<>();
        for (XmlElement message : messages.all(MESSAGES, "SendNotificationResponseMessage")) {
            // An error message (ResponseClass="Error", e.g. ErrorMissedNotificationEvents) says events may be
            // lost; it may come with or without a Notification. Either way it is recorded, not dropped.
            var notification = message.child(MESSAGES, "Notification");
            String error = "Error".equals(message.attribute("ResponseClass")) ? errorCode(message) : null;
            if (notification.isPresent()) {
                EwsNotification read = notification(notification.get());
                notifications.add(error == null ? read : read.withError(error));
            } else if (error != null) {
                notifications.add(EwsNotification.error(error));
            }
        }
        return notifications;
    }

    /** The ResponseCode of an error message, kept to a code's characters (it ends up in logs and records). */
    private static String errorCode(XmlElement message) {
        String code = message.childText(MESSAGES, "ResponseCode");
        if (code == null || !code.matches("[A-Za-z0-9]{1,100}")) {
            return "ErrorUnknown";
        }
        return code;
    }

    private static EwsNotification notification(XmlElement element) throws MalformedNotificationException {
        String subscriptionId = element.childText(TYPES, "SubscriptionId");
        if (subscriptionId == null) {
            throw new MalformedNotificationException("Notification without SubscriptionId");
        }
        List<EwsEvent> events = new ArrayList<>();
        for (XmlElement child : element.children()) {
            EwsEventType type = child.namespace().equals(TYPES) ? EwsEventType.of(child.name()) : null;
            if (type != null) {
                events.add(event(type, child));
            }
        }
        return new EwsNotification(subscriptionId, element.childText(TYPES, "PreviousWatermark"),
                "true".equals(element.childText(TYPES, "MoreEvents")), events);
    }

    private static EwsEvent event(EwsEventType type, XmlElement element) throws MalformedNotificationException {
        String watermark = element.childText(TYPES, "Watermark");
        if (watermark == null) {
            throw new MalformedNotificationException(type + " event without Watermark");
        }
        if (type == EwsEventType.STATUS) {
            return new EwsEvent(type, watermark, null, null, null, null, null);
        }
        Instant timeStamp = timeStamp(element.childText(TYPES, "TimeStamp"));
        XmlElement item = element.child(TYPES, "ItemId").orElse(null);
        if (item != null) {
            String itemId = id(item, type);
            String oldItemId = element.child(TYPES, "OldItemId").map(old -> old.attribute("Id")).orElse(null);
            if (type == EwsEventType.MOVED && (oldItemId == null || oldItemId.isBlank())) {
                throw new MalformedNotificationException("MovedEvent without OldItemId");
            }
            return new EwsEvent(type, watermark, timeStamp, itemId, item.attribute("ChangeKey"), oldItemId, null);
        }
        XmlElement folder = element.child(TYPES, "FolderId")
                .orElseThrow(() -> new MalformedNotificationException(type + " event without ItemId or FolderId"));
        return new EwsEvent(type, watermark, timeStamp, null, null, null, id(folder, type));
    }

    private static String id(XmlElement element, EwsEventType type) throws MalformedNotificationException {
        String id = element.attribute("Id");
        if (id == null || id.isBlank()) {
            throw new MalformedNotificationException(type + " event with an empty " + element.name());
        }
        return id;
    }

    /** xs:dateTime; Exchange writes UTC with Z, a value without offset is taken as UTC. */
    private static Instant timeStamp(String text) throws MalformedNotificationException {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new MalformedNotificationException("TimeStamp is not an xs:dateTime");
            }
        }
    }
}
