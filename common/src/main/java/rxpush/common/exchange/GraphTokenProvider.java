package rxpush.common.exchange;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import rxpush.common.config.GraphSettings;
import rxpush.common.kafka.ContractJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * OAuth2 client-credentials tokens for Microsoft Graph, cached until {@link #REFRESH_BEFORE_EXPIRY}
 * before they expire so that no request leaves with a token about to lapse. One token request at a
 * time: concurrent callers wait for the same refresh instead of stampeding the token endpoint.
 *
 * <p>The app proves itself with its client secret or, when {@code rxpush.graph.certificate} is set,
 * with a {@link CertificateCredential} assertion. The scope is the configured Graph root's
 * {@code /.default} (national clouds need their own), or the one given (EWS OAuth asks for
 * {@code https://outlook.office365.com/.default} with the same app).
 */
public final class GraphTokenProvider {

    /** Refresh this long before expiry. */
    static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private final GraphSettings settings;
    private final HttpClient http;
    private final Clock clock;
    private final Duration timeout;
    private final String scope;
    private final CertificateCredential certificate;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile String token;
    private volatile Instant refreshAt = Instant.MIN;

    public GraphTokenProvider(GraphSettings settings, HttpClient http, Clock clock, Duration timeout) {
        this(settings, http, clock, timeout, settings.scope());
    }

    /** Tokens for another resource of the same app registration (e.g. Exchange Online's EWS). */
    public GraphTokenProvider(GraphSettings settings, HttpClient http, Clock clock, Duration timeout, String scope) {
        this.settings = settings;
        this.http = http;
        this.clock = clock;
        this.timeout = timeout;
        this.scope = scope;
        this.certificate = settings.usesCertificate()
                ? CertificateCredential.load(settings.certificate(), settings.certificatePassword(), settings.privateKey())
                : null;
    }

    /** The scope tokens are asked for. */
    public String scope() {
        return scope;
    }

    /** A valid access token, fetching a new one when the cached one is near expiry. */
    public String token() throws IOException, InterruptedException {
        String current = token;
        if (current != null && clock.instant().isBefore(refreshAt)) {
            return current;
        }
        lock.lockInterruptibly();
        try {
            if (token != null && clock.instant().isBefore(refreshAt)) {
                return token;
            }
            fetch();
            return token;
        } finally {
            lock.unlock();
        }
    }

    /** Forget the cached token (after Graph answered 401 with it). */
    public void invalidate() {
        refreshAt = Instant.MIN;
    }

    private void fetch() throws IOException, InterruptedException {
        URI tokenUrl = settings.effectiveTokenUrl();
        String credential = certificate == null ? "&client_secret=" + encode(settings.clientSecret())
                : "&client_assertion_type=" + encode(CertificateCredential.ASSERTION_TYPE)
                        + "&client_assertion=" + encode(certificate.assertion(settings.clientId(), tokenUrl, clock.instant()));
        String form = "grant_type=client_credentials"
                + "&client_id=" + encode(settings.clientId())
                + credential
                + "&scope=" + encode(scope);
        HttpRequest request = HttpRequest.newBuilder(tokenUrl)
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        Instant asked = clock.instant();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            // Entra ID's error body names the problem (e.g. AADSTS7000215 invalid secret) without echoing it.
            throw new GraphAuthException("Graph token endpoint " + tokenUrl + " answered " + response.statusCode()
                    + errorSummary(response.body()));
        }
        JsonNode body;
        try {
            body = ContractJson.mapper().readTree(response.body());
        } catch (JacksonException e) {
            throw new GraphAuthException("Graph token endpoint " + tokenUrl + " answered with invalid JSON");
        }
        String accessToken = body.path("access_token").asString("");
        if (accessToken.isEmpty()) {
            throw new GraphAuthException("Graph token endpoint " + tokenUrl + " answered without access_token");
        }
        long expiresIn = body.path("expires_in").asLong(3599);
        token = accessToken;
        Duration lifetime = Duration.ofSeconds(expiresIn);
        Duration margin = lifetime.compareTo(REFRESH_BEFORE_EXPIRY.multipliedBy(2)) > 0 ? REFRESH_BEFORE_EXPIRY : lifetime.dividedBy(2);
        refreshAt = asked.plus(lifetime).minus(margin);
    }

    private static String errorSummary(String body) {
        try {
            JsonNode json = ContractJson.mapper().readTree(body);
            String error = json.path("error").asString("");
            long code = json.path("error_codes").path(0).asLong(0);
            // Entra's description may quote the request; the code and error name say enough.
            return error.isEmpty() ? "" : " (" + error + (code > 0 ? ", AADSTS" + code : "") + ")";
        } catch (JacksonException | IllegalArgumentException e) {
            return "";
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
