package rxpush.common.exchange;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import rxpush.common.config.GraphSettings;
import rxpush.common.config.Urls;

/**
 * Authenticated requests to Microsoft Graph. Adds the bearer token, retries once with a fresh token
 * when Graph answers 401 (a token revoked before its expiry), and turns 429 / 503 into
 * {@link ThrottledException} carrying Graph's Retry-After, so callers can pause instead of hammering.
 * Other statuses are returned for the caller to interpret.
 */
public final class GraphHttp {

    /** Used when Graph throttles without Retry-After; Microsoft advises backing off, not retrying at once. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(10);

    private final GraphSettings settings;
    private final HttpClient http;
    private final GraphTokenProvider tokens;
    private final Clock clock;
    private final Duration timeout;

    public GraphHttp(GraphSettings settings, HttpClient http, GraphTokenProvider tokens, Clock clock, Duration timeout) {
        this.settings = settings;
        this.http = http;
        this.tokens = tokens;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** A request builder for a path under the Graph base URL (e.g. {@code /subscriptions}). */
    public HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(Urls.trimmed(settings.baseUrl()) + pathAndQuery))
                .timeout(timeout)
                .header("Accept", "application/json");
    }

    /** A request builder for an absolute URL Graph gave us (nextLink / deltaLink). */
    public HttpRequest.Builder requestAbsolute(URI url) {
        return HttpRequest.newBuilder(url).timeout(timeout).header("Accept", "application/json");
    }

    /**
     * Sends with a bearer token. Throws {@link ThrottledException} on 429/503, {@link GraphAuthException}
     * when Graph still answers 401 with a fresh token (or 403).
     */
    public HttpResponse<String> send(HttpRequest.Builder builder) throws IOException, InterruptedException {
        HttpResponse<String> response = sendOnce(builder);
        if (response.statusCode() == 401) {
            tokens.invalidate();
            response = sendOnce(builder);
        }
        int status = response.statusCode();
        if (status == 401) {
            throw new GraphAuthException("Graph refused the app's token (HTTP 401) for "
                    + response.request().method() + " " + response.request().uri().getPath()
                    + ": check the app registration's permissions and admin consent");
        }
        if (status == 403) {
            throw GraphAccessDeniedException.of(response);
        }
        if (status == 429 || status == 503) {
            throw new ThrottledException("Graph answered " + status + " for " + response.request().uri().getPath(),
                    retryAfter(response, clock).orElse(DEFAULT_RETRY_AFTER));
        }
        return response;
    }

    private HttpResponse<String> sendOnce(HttpRequest.Builder builder) throws IOException, InterruptedException {
        HttpRequest unsigned = builder.copy().build();
        checkRoot(unsigned.uri());
        HttpRequest request = builder.copy().setHeader("Authorization", "Bearer " + tokens.token()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The bearer token goes to the configured Graph root only: a nextLink or deltaLink naming another
     * scheme, host or port (a tampered answer, a proxy rewriting bodies) is refused before any token
     * is attached.
     */
    void checkRoot(URI uri) {
        URI root = settings.root();
        if (!root.getScheme().equalsIgnoreCase(uri.getScheme()) || uri.getRawAuthority() == null
                || !root.getRawAuthority().equalsIgnoreCase(uri.getRawAuthority())) {
            throw new GraphAuthException("refused to send the Graph token to " + uri.getScheme() + "://"
                    + uri.getHost() + ": only " + root + " (rxpush.graph.base-url) receives it");
        }
    }

    /** Retry-After as seconds or as an HTTP date (RFC 9110), never negative. */
    public static Optional<Duration> retryAfter(HttpResponse<?> response, Clock clock) {
        return response.headers().firstValue("Retry-After").flatMap(value -> parseRetryAfter(value, clock));
    }

    static Optional<Duration> parseRetryAfter(String value, Clock clock) {
        String trimmed = value.trim();
        try {
            long seconds = Long.parseLong(trimmed);
            return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
