package rxpush.ingress.http;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
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
    private static final Pattern CLIENT_STATE = Pattern.compile("(\"clientState\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");

    private final boolean enabled;

    public PayloadLog(IngressSettings settings) {
        this.enabled = settings.ingress().logPayloads();
    }

    public void log(Source source, byte[] body) {
        if (enabled) {
            log.info("{} payload: {}", source, mask(new String(body, StandardCharsets.UTF_8)));
        }
    }

    /** The body with every clientState value replaced by ***. */
    static String mask(String body) {
        return CLIENT_STATE.matcher(body).replaceAll("$1\"***\"");
    }
}
