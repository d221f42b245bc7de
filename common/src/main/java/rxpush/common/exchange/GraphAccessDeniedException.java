package rxpush.common.exchange;

import java.net.http.HttpResponse;
import rxpush.common.kafka.ContractJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Graph answered 403 to a request with a valid token: the app may not touch this resource. On a
 * {@code /users/{mailbox}/...} path that is a matter of that mailbox (an application access policy or
 * RBAC for Applications scope that does not cover it yet; Microsoft notes policy changes can take
 * hours to apply), so callers park the mailbox instead of stopping everything. The message names the
 * path and Graph's error code and message, never a token.
 */
public class GraphAccessDeniedException extends GraphAuthException {

    static final String FIX = "grant the app Calendars.Read (application) with admin consent, and include the"
            + " mailbox in the application access policy (Test-ApplicationAccessPolicy) or the RBAC for"
            + " Applications scope";

    private final String code;

    GraphAccessDeniedException(String message, String code) {
        super(message);
        this.code = code;
    }

    static GraphAccessDeniedException of(HttpResponse<String> response) {
        String code = "";
        String detail = "";
        try {
            JsonNode error = ContractJson.mapper().readTree(response.body()).path("error");
            code = error.path("code").asString("");
            detail = error.path("message").asString("");
        } catch (JacksonException | IllegalArgumentException e) {
            // no JSON body: the status says enough
        }
        if (detail.length() > 200) {
            detail = detail.substring(0, 200) + "...";
        }
        detail = detail.replaceAll("[\\r\\n]+", " ");
        return new GraphAccessDeniedException("Graph denied access (HTTP 403" + (code.isEmpty() ? "" : " " + code)
                + (detail.isEmpty() ? "" : ": " + detail) + ") for " + response.request().method() + " "
                + response.request().uri().getPath() + "; " + FIX, code);
    }

    /** Graph's error code, e.g. ErrorAccessDenied; empty when the body had none. */
    public String code() {
        return code;
    }
}
