package rxpush.common.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Who may use an operator surface (the subscription service's admin port, the standalone launcher's
 * admin gateway), decided from the request line and headers alone, before any handler runs:
 * <ol>
 *   <li>{@code GET /actuator/health} (and its groups) and {@code GET /actuator/prometheus} are open:
 *       probes and scrapers carry no token and name the pod's address as Host. They change nothing
 *       and show no mailbox, token or credential. So is {@code GET /status}, the status page's static
 *       shell: it holds no data, and its script sends the bearer token with every request it makes.</li>
 *   <li>The Host header must name a loopback host ({@code localhost}, {@code 127.0.0.0/8},
 *       {@code ::1}), an IP address literal, or one of the configured hosts, whatever the port: a
 *       DNS-rebinding page in a browser sends its own host <em>name</em> and is refused (403). An IP
 *       literal cannot be rebound (a page served from the literal is this surface's own origin), and
 *       the other subscription instances call each other by the address the brokers report.</li>
 *   <li>{@code Authorization: Bearer <token>} must carry the admin token, compared in constant time
 *       (401 otherwise). Browsers never add it by themselves, so a forged cross-site request fails.</li>
 *   <li>A state change ({@code POST}, {@code PUT}, {@code PATCH}) must declare
 *       {@code application/json}: never a "simple" request a page could send without a preflight.</li>
 * </ol>
 * Pure: no servlet or HTTP server types, so every surface applies the same rules.
 */
public final class AdminAccess {

    /** The outcome: {@link #ALLOW}, or a status and a fixed reason (never request data). */
    public record Decision(int status, String reason) {

        public static final Decision ALLOW = new Decision(0, "allowed");

        public boolean allowed() {
            return status == 0;
        }
    }

    /**
     * Probe and scrape paths, also as the standalone gateway serves each service's:
     * {@code /actuator/{ingress|subscription|forwarder}/health/...} and {@code .../prometheus}.
     */
    private static final Pattern OPEN = Pattern.compile(
            "/actuator/((ingress|subscription|forwarder)/)?(health(/[A-Za-z0-9_-]+)*|prometheus)");

    private final byte[] token;
    private final Set<String> allowedHosts;

    /**
     * @param token        the bearer token (not blank)
     * @param allowedHosts host names (without port) accepted besides loopback, e.g. the name an
     *                     operator's reverse proxy forwards
     */
    public AdminAccess(String token, Set<String> allowedHosts) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the admin token must not be blank");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public Decision check(String method, String path, String host, String authorization, String contentType) {
        String verb = method == null ? "" : method.toUpperCase(Locale.ROOT);
        if ((verb.equals("GET") || verb.equals("HEAD")) && path != null && (OPEN.matcher(path).matches()
                || path.equals("/status"))) {
            return Decision.ALLOW;
        }
        if (!hostAllowed(host)) {
            return new Decision(403, "Host not allowed for the admin API");
        }
        if (!bearerMatches(authorization)) {
            return new Decision(401, "admin token required (Authorization: Bearer, see docs/security.md)");
        }
        if ((verb.equals("POST") || verb.equals("PUT") || verb.equals("PATCH")) && !isJson(contentType)) {
            return new Decision(415, "a state change must be sent as application/json");
        }
        return Decision.ALLOW;
    }

    boolean hostAllowed(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            host = end < 0 ? host : host.substring(1, end);
        } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
            host = host.substring(0, host.indexOf(':'));
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host.equals("localhost") || allowedHosts.contains(host) || isIpLiteral(host);
    }

    /** A dotted IPv4 address or a (bracket-stripped) IPv6 address: never a name a page could rebind. */
    static boolean isIpLiteral(String host) {
        return host.matches("(\\d{1,3}\\.){3}\\d{1,3}") || (host.indexOf(':') >= 0 && host.matches("[0-9a-f:.]+"));
    }

    private boolean bearerMatches(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] presented = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, token);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }
}
