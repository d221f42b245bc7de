package rxpush.simulators.exchange.ews;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** What a push listener answered: SendNotificationResult/SubscriptionStatus OK or Unsubscribe. */
enum PushAnswer {
    OK, UNSUBSCRIBE, INVALID;

    static PushAnswer parse(byte[] body) {
        try {
            Document document = SecureXml.parse(body);
            Element envelope = document.getDocumentElement();
            if (!"Envelope".equals(envelope.getLocalName()) || !Soap.ENVELOPE_NS.equals(envelope.getNamespaceURI())) {
                return INVALID;
            }
            Element result = SecureXml.child(SecureXml.child(envelope, Soap.ENVELOPE_NS, "Body"), Soap.MESSAGES_NS,
                    "SendNotificationResult");
            String status = SecureXml.childText(result, Soap.MESSAGES_NS, "SubscriptionStatus");
            if ("OK".equals(status)) {
                return OK;
            }
            return "Unsubscribe".equals(status) ? UNSUBSCRIBE : INVALID;
        } catch (EwsFault malformed) {
            return INVALID;
        }
    }
}
