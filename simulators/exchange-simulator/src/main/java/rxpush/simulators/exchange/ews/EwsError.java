package rxpush.simulators.exchange.ews;

/**
 * An error reported inside one response message ({@code ResponseClass="Error"}), e.g.
 * ErrorItemNotFound for one id of a GetItem batch while the other ids succeed.
 */
final class EwsError extends RuntimeException {

    private final String code;

    EwsError(String code, String message) {
        super(message);
        this.code = code;
    }

    static EwsError itemNotFound() {
        return new EwsError("ErrorItemNotFound", "The specified object was not found in the store.");
    }

    static EwsError malformedId() {
        return new EwsError("ErrorInvalidIdMalformed", "Id is malformed.");
    }

    static EwsError accessDenied() {
        return new EwsError("ErrorAccessDenied", "Access is denied. Check credentials and try again.");
    }

    String code() {
        return code;
    }

    /** The error elements of a response message, in the order EWS writes them. */
    void writeTo(XmlOut xml, String messageElement) {
        xml.start("m:" + messageElement).attr("ResponseClass", "Error");
        xml.element("m:MessageText", getMessage());
        xml.element("m:ResponseCode", code);
        xml.element("m:DescriptiveLinkKey", "0");
    }
}
