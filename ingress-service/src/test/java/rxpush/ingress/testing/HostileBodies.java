package rxpush.ingress.testing;

/** The hostile corpus: bodies an attacker (or a broken proxy) may send to the endpoints. */
public final class HostileBodies {

    /** Billion laughs: a few hundred bytes that expand to gigabytes if entities are expanded. */
    public static final String XML_BILLION_LAUGHS = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
             <!ENTITY lol "lol">
             <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
             <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
             <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
             <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
             <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
             <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
             <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
             <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
             <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
            ]>
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>&lol9;</soap:Body></soap:Envelope>""";

    /** An external DTD fetched from the network. */
    public static final String XML_EXTERNAL_DTD = """
            <?xml version="1.0"?>
            <!DOCTYPE soap:Envelope SYSTEM "http://127.0.0.1:9/evil.dtd">
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body/></soap:Envelope>""";

    /** A push cut off in the middle. */
    public static final String TRUNCATED_PUSH = """
            <?xml version="1.0" encoding="utf-8"?><soap11:Envelope xmlns:soap11="http://schemas.xmlsoap.org/soap/envelope/">\
            <soap11:Body><m:SendNotification xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types" \
            xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"><m:ResponseMessages>\
            <m:SendNotificationResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>\
            <m:Notification><t:SubscriptionId>abc</t:SubscriptionId><t:PreviousWatermark>AAA""";

    /** JSON where XML is expected (a Graph notification). */
    public static final String JSON_NOTIFICATION = "{\"value\":[{\"subscriptionId\":\"x\",\"changeType\":\"created\"}]}";

    private HostileBodies() {
    }

    /** XXE: an entity that reads a local file (or URL) into the document. */
    public static String xxe(String uri) {
        return "<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"" + uri + "\">]>"
                + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>&xxe;</soap:Body>"
                + "</soap:Envelope>";
    }

    /** Elements nested {@code depth} deep. */
    public static String deepXml(int depth) {
        return "<a>".repeat(depth) + "</a>".repeat(depth);
    }

    /** One attribute of {@code length} characters. */
    public static String hugeAttributeXml(int length) {
        return "<x a=\"" + "A".repeat(length) + "\"/>";
    }

    /** JSON nested {@code depth} deep. */
    public static String deepJson(int depth) {
        return "{\"value\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    }
}
