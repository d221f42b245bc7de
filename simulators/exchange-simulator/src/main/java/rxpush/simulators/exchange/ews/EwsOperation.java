package rxpush.simulators.exchange.ews;

import java.util.List;
import java.util.function.Consumer;
import org.w3c.dom.Element;

/** One EWS operation (Subscribe, GetItem, ...): request element in, response element out. */
interface EwsOperation {

    /** The response body and work to start once it has reached the client. */
    record Result(String body, Runnable afterResponse) {
        static Result of(String body) {
            return new Result(body, null);
        }
    }

    /** The request element's local name, e.g. "GetItem". */
    String name();

    Result handle(Element request, EwsCaller caller);

    /**
     * Writes {@code <m:{name}Response><m:ResponseMessages>} with one response message per part: a
     * success message filled by the part, or the error message of the EwsError it threw.
     */
    static String responses(String name, List<Consumer<XmlOut>> parts) {
        XmlOut xml = new XmlOut(2048);
        xml.raw(Soap.openResponse(name + "Response")).raw("<m:ResponseMessages>");
        String message = name + "ResponseMessage";
        for (Consumer<XmlOut> part : parts) {
            XmlOut one = new XmlOut(1024);
            try {
                one.start("m:" + message).attr("ResponseClass", "Success").element("m:ResponseCode", "NoError");
                part.accept(one);
                one.end("m:" + message);
            } catch (EwsError error) {
                one = new XmlOut(256);
                error.writeTo(one, message);
                one.end("m:" + message);
            }
            xml.raw(one.toString());
        }
        xml.raw("</m:ResponseMessages></m:" + name + "Response>");
        return xml.toString();
    }
}
