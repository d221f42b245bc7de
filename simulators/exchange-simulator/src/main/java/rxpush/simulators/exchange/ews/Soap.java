package rxpush.simulators.exchange.ews;

/** Namespaces and envelope pieces of EWS SOAP 1.1. */
final class Soap {

    static final String ENVELOPE_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String MESSAGES_NS = "http://schemas.microsoft.com/exchange/services/2006/messages";
    static final String TYPES_NS = "http://schemas.microsoft.com/exchange/services/2006/types";
    static final String ERRORS_NS = "http://schemas.microsoft.com/exchange/services/2006/errors";
    static final String CONTENT_TYPE = "text/xml; charset=utf-8";

    /** The header Exchange 2016 CU puts on every answer. */
    private static final String SERVER_VERSION = "<h:ServerVersionInfo MajorVersion=\"15\" MinorVersion=\"1\""
            + " MajorBuildNumber=\"2507\" MinorBuildNumber=\"6\" Version=\"V2017_07_11\""
            + " xmlns:h=\"" + TYPES_NS + "\" xmlns=\"" + TYPES_NS + "\""
            + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
            + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" />";

    private Soap() {
    }

    /** A complete response envelope around one {@code m:...Response} element. */
    static String response(String operationResponse) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><s:Envelope xmlns:s=\"" + ENVELOPE_NS + "\">"
                + "<s:Header>" + SERVER_VERSION + "</s:Header>"
                + "<s:Body xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">" + operationResponse + "</s:Body></s:Envelope>";
    }

    /** Opening tag of an operation response with the m: and t: namespaces declared. */
    static String openResponse(String name) {
        return "<m:" + name + " xmlns:m=\"" + MESSAGES_NS + "\" xmlns:t=\"" + TYPES_NS + "\">";
    }
}
