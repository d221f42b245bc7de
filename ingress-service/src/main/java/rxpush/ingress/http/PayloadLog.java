package rxpush.ingress.http;

import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import rxpush.common.contract.Source;
import rxpush.ingress.IngressSettings;

/**
 * Logs request bodies only when rxpush.ingress.log-payloads is set (debugging). Graph clientState
 * values are masked; EWS tokens live in the URL, which is never logged.
 */
@Component
public class PayloadLog {

    private static final Logger log = LoggerFactory.getLogger(PayloadLog.class);
    private static final String CLIENT_STATE = "\"clientState\"";

    private final boolean enabled;

    public PayloadLog(IngressSettings settings) {
        this.enabled = settings.ingress().logPayloads();
    }

    public void log(Source source, byte[] body) {
        if (enabled) {
            log.info("{} payload: {}", source, mask(new String(body, StandardCharsets.UTF_8)));
        }
    }

    /**
     * The body with every clientState value replaced by ***, and every control character (CR and LF
     * above all, which would start a forged log line) written as a visible escape. A plain scan, not a
     * regular expression: Java's regex engine recurses per repetition of an alternation and overflows
     * the stack on a long value.
     */
    static String mask(String body) {
        StringBuilder out = new StringBuilder(Math.min(body.length(), 1 << 20) + 16);
        int i = 0;
        while (i < body.length()) {
            int name = body.indexOf(CLIENT_STATE, i);
            if (name < 0) {
                escape(body, i, body.length(), out);
                break;
            }
            int value = skipSpaces(body, name + CLIENT_STATE.length());
            if (value < body.length() && body.charAt(value) == ':') {
                value = skipSpaces(body, value + 1);
            } else {
                value = -1;
            }
            if (value < 0 || value >= body.length() || body.charAt(value) != '"') {
                escape(body, i, name + CLIENT_STATE.length(), out);
                i = name + CLIENT_STATE.length();
                continue;
            }
            escape(body, i, value, out);
            int end = value + 1;
            while (end < body.length() && body.charAt(end) != '"') {
                end += body.charAt(end) == '\\' ? 2 : 1;
            }
            out.append("\"***\"");
            i = Math.min(end + 1, body.length());
        }
        return out.toString();
    }

    private static int skipSpaces(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static void escape(String s, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '\r') {
                out.append("\\r");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (Character.isISOControl(c) && c != '\t') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
    }
}
