package rxpush.simulators.exchange.ews;

import java.time.Duration;

/**
 * An error that EWS reports as a SOAP fault with HTTP 500 (throttling, schema violations,
 * impersonation failures), rather than inside a response message.
 */
final class EwsFault extends RuntimeException {

    private final String code;
    private final Duration backOff;

    EwsFault(String code, String message) {
        this(code, message, null);
    }

    EwsFault(String code, String message, Duration backOff) {
        super(message);
        this.code = code;
        this.backOff = backOff;
    }

    static EwsFault schema(String message) {
        return new EwsFault("ErrorSchemaValidation", "The request failed schema validation: " + message);
    }

    static EwsFault serverBusy(Duration backOff) {
        return new EwsFault("ErrorServerBusy", "The server cannot service this request right now. Try again later.",
                backOff);
    }

    String code() {
        return code;
    }

    String envelope() {
        XmlOut xml = new XmlOut(1024);
        xml.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?><s:Envelope xmlns:s=\"" + Soap.ENVELOPE_NS + "\"><s:Body>");
        xml.raw("<s:Fault><faultcode xmlns:a=\"" + Soap.TYPES_NS + "\">a:" + code + "</faultcode>");
        xml.start("faultstring").attr("xml:lang", "en-US").text(getMessage()).end("faultstring");
        xml.raw("<detail><e:ResponseCode xmlns:e=\"" + Soap.ERRORS_NS + "\">" + code + "</e:ResponseCode>");
        xml.start("e:Message").attr("xmlns:e", Soap.ERRORS_NS).text(getMessage()).end("e:Message");
        if (backOff != null) {
            xml.raw("<t:MessageXml xmlns:t=\"" + Soap.TYPES_NS + "\"><t:Value Name=\"BackOffMilliseconds\">"
                    + backOff.toMillis() + "</t:Value></t:MessageXml>");
        }
        xml.raw("</detail></s:Fault></s:Body></s:Envelope>");
        return xml.toString();
    }
}
