package rxpush.ingress.ews;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.HtmlUtils;

/**
 * What the EWS endpoint answers: a {@code SendNotificationResult} (OK or Unsubscribe) with 200, or a
 * SOAP 1.1 fault with a 4xx/5xx status. Fault strings are fixed texts from this code, never request
 * data or secrets.
 */
final class EwsAnswers {

    static final MediaType TEXT_XML_UTF8 = new MediaType("text", "xml", StandardCharsets.UTF_8);

    private static final String RESULT = """
            <?xml version="1.0" encoding="utf-8"?>
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" \
            xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages">\
            <soap:Body><m:SendNotificationResult><m:SubscriptionStatus>%s</m:SubscriptionStatus>\
            </m:SendNotificationResult></soap:Body></soap:Envelope>""";

    private static final String FAULT = """
            <?xml version="1.0" encoding="utf-8"?>
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">\
            <soap:Body><soap:Fault><faultcode>soap:%s</faultcode><faultstring>%s</faultstring>\
            </soap:Fault></soap:Body></soap:Envelope>""";

    /** The two results, formatted once: OK is the answer to every accepted push. */
    private static final String OK = RESULT.formatted("OK");
    private static final String UNSUBSCRIBE = RESULT.formatted("Unsubscribe");

    private EwsAnswers() {
    }

    /** The records are on Kafka: keep the subscription. */
    static ResponseEntity<String> ok() {
        return result(OK);
    }

    /** The registry says the subscription is obsolete: Exchange removes it. */
    static ResponseEntity<String> unsubscribe() {
        return result(UNSUBSCRIBE);
    }

    /** A SOAP fault: {@code Client} for 4xx (do not resend as is), {@code Server} for 5xx (retry). */
    static ResponseEntity<String> fault(HttpStatus status, String reason) {
        String code = status.is5xxServerError() ? "Server" : "Client";
        return ResponseEntity.status(status).contentType(TEXT_XML_UTF8)
                .body(FAULT.formatted(code, HtmlUtils.htmlEscape(reason)));
    }

    private static ResponseEntity<String> result(String body) {
        return ResponseEntity.ok().contentType(TEXT_XML_UTF8).body(body);
    }
}
