package rxpush.simulators.exchange.graph;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import rxpush.simulators.exchange.control.Stats;

/**
 * Entra ID's token endpoint for the client-credentials grant:
 * {@code POST /{tenant}/oauth2/v2.0/token} with grant_type=client_credentials, client_id,
 * client_secret (or HTTP Basic) or a certificate's client_assertion (checked by {@link ClientAssertions}
 * against the registered certificate), and a {@code .default} scope, which for a configured cloud must
 * be that cloud's Graph root (Microsoft: "any permission scope value that contains the Microsoft Graph
 * domain must use the domain of the national cloud's Graph root"). Errors carry Entra's codes
 * (invalid_request AADSTS90002 for an unknown tenant, unsupported_grant_type, unauthorized_client
 * AADSTS700016, invalid_client AADSTS7000215 / 700027 / 700024, invalid_scope AADSTS70011,
 * invalid_resource AADSTS500011).
 */
@RestController
class TokenController {

    private final GraphTokens tokens;
    private final Stats stats;
    private final Clock clock;
    private final String tenantId;
    private final String clientId;
    private final String clientSecret;
    private final ClientAssertions assertions;
    private final String scopeRoot;

    TokenController(GraphTokens tokens, Stats stats, Clock clock, String tenantId, String clientId,
                    String clientSecret, ClientAssertions assertions, String scopeRoot) {
        this.tokens = tokens;
        this.stats = stats;
        this.clock = clock;
        this.tenantId = tenantId;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.assertions = assertions;
        this.scopeRoot = scopeRoot == null || scopeRoot.isBlank() ? null
                : scopeRoot.endsWith("/") ? scopeRoot.substring(0, scopeRoot.length() - 1) : scopeRoot;
    }

    @PostMapping(path = "/{tenant}/oauth2/v2.0/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Map<String, Object>> token(@PathVariable String tenant, @RequestParam MultiValueMap<String, String> form,
                                              @RequestHeader(value = "Authorization", required = false) String basic,
                                              jakarta.servlet.http.HttpServletRequest request) {
        stats.increment("graph.token.requests");
        if (!tenant.equalsIgnoreCase(tenantId)) {
            return error(400, "invalid_request", 90002, "Tenant '" + tenant + "' not found.");
        }
        if (!"client_credentials".equals(form.getFirst("grant_type"))) {
            return error(400, "unsupported_grant_type", 70003,
                    "The app requested an unsupported grant type '" + form.getFirst("grant_type") + "'.");
        }
        String[] credentials = credentials(form, basic);
        if (credentials[0] == null || !equal(credentials[0], clientId)) {
            return error(400, "unauthorized_client", 700016, "Application with identifier '" + credentials[0]
                    + "' was not found in the directory.");
        }
        String assertionType = form.getFirst("client_assertion_type");
        if (assertionType != null) {
            if (!"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(assertionType)) {
                return error(400, "invalid_request", 50027, "Invalid client_assertion_type.");
            }
            if (assertions == null) {
                return error(401, "invalid_client", 700027, "The certificate with identifier used to sign the client"
                        + " assertion is not registered on application.");
            }
            ClientAssertions.Refusal refusal = assertions.check(form.getFirst("client_assertion"), clientId,
                    request.getRequestURL().toString(), clock.instant());
            if (refusal != null) {
                return error(refusal.status(), refusal.error(), refusal.code(), refusal.description());
            }
        } else if (credentials[1] == null || !equal(credentials[1], clientSecret)) {
            return error(401, "invalid_client", 7000215, "Invalid client secret provided.");
        }
        String scope = form.getFirst("scope");
        if (scope == null || !scope.endsWith("/.default")) {
            return error(400, "invalid_scope", 70011, "The provided value for the input parameter 'scope' is not"
                    + " valid. The scope must end with /.default for the client credentials flow.");
        }
        if (scopeRoot != null && !scope.equalsIgnoreCase(scopeRoot + "/.default")) {
            return error(400, "invalid_resource", 500011, "The resource principal named "
                    + scope.substring(0, scope.length() - "/.default".length()) + " was not found in the tenant named "
                    + tenantId + ".");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        long seconds = tokens.lifetime().toSeconds() - 1;
        body.put("token_type", "Bearer");
        body.put("expires_in", seconds);
        body.put("ext_expires_in", seconds);
        body.put("access_token", tokens.issue());
        stats.increment("graph.token.issued");
        return ResponseEntity.ok().header("Cache-Control", "no-store, no-cache").body(body);
    }

    private static String[] credentials(MultiValueMap<String, String> form, String basic) {
        if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
                }
            } catch (IllegalArgumentException e) {
                // fall back to the form
            }
        }
        return new String[] {form.getFirst("client_id"), form.getFirst("client_secret")};
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private ResponseEntity<Map<String, Object>> error(int status, String error, int code, String description) {
        stats.increment("graph.token.rejected");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", "AADSTS" + code + ": " + description);
        body.put("error_codes", List.of(code));
        body.put("timestamp", java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(clock.instant()));
        body.put("trace_id", UUID.randomUUID().toString());
        body.put("correlation_id", UUID.randomUUID().toString());
        return ResponseEntity.status(status).body(body);
    }
}
