package rxpush.simulators.exchange.ews;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The EWS endpoint. Authentication: when a user name is configured, HTTP Basic with that user and
 * password is required (401 with a Basic challenge otherwise, which is what makes ews-java-api's
 * WebCredentials send them); with none configured any or no credentials are accepted. NTLM is not
 * simulated. The answer is flushed before post-answer work (releasing the first push of a new
 * subscription, already scheduled) runs, like Exchange, which answers Subscribe before it sends the
 * first notification.
 */
@RestController
class EwsController {

    private final EwsDispatcher dispatcher;
    private final String username;
    private final String password;

    private final rxpush.simulators.exchange.control.AccessRules rules;

    EwsController(EwsDispatcher dispatcher, String username, String password,
                  rxpush.simulators.exchange.control.AccessRules rules) {
        this.rules = rules;
        this.dispatcher = dispatcher;
        this.username = username == null || username.isBlank() ? null : username;
        this.password = password == null ? "" : password;
    }

    @PostMapping({"/EWS/Exchange.asmx", "/ews/exchange.asmx", "/ews/Exchange.asmx"})
    void post(@RequestBody(required = false) byte[] body,
              @RequestHeader(value = "Authorization", required = false) String authorization,
              HttpServletResponse response) throws IOException {
        String account = authenticate(authorization);
        if (account == null) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"sim-exchange01\"");
            response.sendError(401);
            return;
        }
        String blocked = rules.ewsPolicyBlock();
        if (blocked != null) {
            // Exchange Online with EWS blocked for the tenant or app: 403 naming the policy, no SOAP body.
            response.setHeader("X-EWS-Policy-Reason", blocked);
            response.sendError(403);
            return;
        }
        EwsDispatcher.Answer answer = dispatcher.handle(body, account);
        try {
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            response.setStatus(answer.status());
            response.setContentType(Soap.CONTENT_TYPE);
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
            response.flushBuffer();
        } finally {
            // Also when the client went away: the subscription exists, and Exchange would push anyway.
            if (answer.afterResponse() != null) {
                answer.afterResponse().run();
            }
        }
    }

    /** The account name, or null when credentials are required and wrong or missing. */
    private String authenticate(String authorization) {
        String[] presented = basicUser(authorization);
        if (username == null) {
            return presented != null ? presented[0] : "anonymous";
        }
        if (presented == null) {
            return null;
        }
        boolean userOk = MessageDigest.isEqual(presented[0].getBytes(StandardCharsets.UTF_8),
                username.getBytes(StandardCharsets.UTF_8));
        boolean passwordOk = MessageDigest.isEqual(presented[1].getBytes(StandardCharsets.UTF_8),
                password.getBytes(StandardCharsets.UTF_8));
        return userOk && passwordOk ? presented[0] : null;
    }

    private static String[] basicUser(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
