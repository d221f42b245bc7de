package rxpush.simulators.exchange.graph;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens of the client-credentials flow: JWT-shaped strings (header.payload.signature) that
 * this simulator issued and that expire on the simulator clock. Only the tokens it issued are
 * accepted, so a client that skips the token endpoint is caught.
 */
final class GraphTokens {

    private final Clock clock;
    private final Duration lifetime;
    private final String tenantId;
    private final String clientId;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> issued = new ConcurrentHashMap<>();

    GraphTokens(Clock clock, Duration lifetime, String tenantId, String clientId) {
        this.clock = clock;
        this.lifetime = lifetime;
        this.tenantId = tenantId;
        this.clientId = clientId;
    }

    Duration lifetime() {
        return lifetime;
    }

    String issue() {
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        String header = encode("{\"typ\":\"JWT\",\"alg\":\"RS256\",\"kid\":\"sim-exchange\"}");
        String payload = encode("{\"aud\":\"https://graph.microsoft.com\",\"iss\":\"https://sts.windows.net/" + tenantId
                + "/\",\"iat\":" + now.getEpochSecond() + ",\"exp\":" + expires.getEpochSecond() + ",\"appid\":\""
                + clientId + "\",\"tid\":\"" + tenantId + "\",\"roles\":[\"Calendars.Read\"]}");
        byte[] signature = new byte[64];
        random.nextBytes(signature);
        String token = header + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        issued.put(token, expires);
        issued.values().removeIf(expiry -> expiry.isBefore(now.minus(lifetime)));
        return token;
    }

    /** Checks an Authorization header; throws Graph's 401 when it is missing, unknown or expired. */
    void check(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw unauthorized("Access token is empty.");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("Access token validation failure. Invalid audience.");
        }
        Instant expires = issued.get(authorization.substring(7).trim());
        if (expires == null) {
            throw unauthorized("Access token validation failure.");
        }
        if (!clock.instant().isBefore(expires)) {
            throw unauthorized("Access token has expired or is not yet valid.");
        }
    }

    private static GraphException unauthorized(String message) {
        return new GraphException(401, "InvalidAuthenticationToken", message,
                Map.of("WWW-Authenticate", "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/"
                        + "common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\""));
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
