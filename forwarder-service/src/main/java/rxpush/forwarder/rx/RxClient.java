package rxpush.forwarder.rx;

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
import rxpush.common.config.Urls;
import rxpush.common.contract.BookingUpdate;
import rxpush.common.exchange.GraphHttp;
import rxpush.common.kafka.ContractJson;
import rxpush.common.kafka.FailureStage;
import rxpush.forwarder.failure.ConfigurationFailure;
import rxpush.forwarder.failure.PermanentFailure;
import rxpush.forwarder.failure.TransientFailure;

/**
 * The ResourceXpress push API v1 client ({@code {tenant-url}/api/push/v1}). Each call either returns
 * what RX did or throws one of the forwarder's failure kinds, following the contract's table:
 * 400/422 permanent for the record, 401/403 a configuration error, 429/5xx/timeouts/refusals
 * transient. Anything the contract does not name (a 404 on PUT, a redirect) is treated as transient:
 * it points at a wrong URL or a proxy, and dead-lettering every record for it would lose them all.
 */
public final class RxClient {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RxClient.class);

    /** What a PUT did. */
    public enum PutResult { APPLIED, STALE }

    private final URI tenantUrl;
    private final String base;
    private final String apiKey;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;

    public RxClient(URI tenantUrl, String apiKey, HttpClient http, Duration timeout, Clock clock) {
        this.tenantUrl = tenantUrl;
        this.base = Urls.trimmed(tenantUrl) + "/api/push/v1";
        this.apiKey = apiKey;
        this.http = http;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** {@code PUT /bookings/{bookingId}}; 409 (RX holds a later version) counts as done. */
    public PutResult put(BookingUpdate booking, String idempotencyKey) {
        byte[] body = ContractJson.mapper().writeValueAsBytes(booking);
        HttpRequest.Builder request = request("/bookings/" + encode(booking.bookingId()))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Idempotency-Key", idempotencyKey)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<String> response = send(request, "PUT");
        int status = response.statusCode();
        if (status == 200 || status == 201) {
            return PutResult.APPLIED;
        }
        if (status == 409) {
            return PutResult.STALE;
        }
        throw classify(response, "PUT");
    }

    /** {@code DELETE /bookings/{bookingId}}; deleting what is already gone is not an error. */
    public void delete(String bookingId, String idempotencyKey, Instant deletedAt) {
        HttpRequest.Builder request = request("/bookings/" + encode(bookingId))
                .header("Idempotency-Key", idempotencyKey)
                .header("X-Deleted-At", deletedAt.toString())
                .DELETE();
        HttpResponse<String> response = send(request, "DELETE");
        int status = response.statusCode();
        if (status == 204 || status == 200 || status == 404) {
            return;
        }
        throw classify(response, "DELETE");
    }

    /**
     * {@code GET /health}: returns normally when RX answers and accepts the key; throws
     * {@link ConfigurationFailure} when it rejects the key and {@link TransientFailure} when it cannot
     * be reached.
     */
    public void checkKey() {
        HttpResponse<String> response = send(request("/health").GET(), "GET");
        if (response.statusCode() != 200) {
            throw classify(response, "GET");
        }
    }

    /** The operator's message for a rejected key; the key itself is never part of it. */
    public String rejectedKeyMessage() {
        return "ResourceXpress at " + tenantUrl + " rejected the ApiKey; check it matches ApiKey in RX web.config";
    }

    public URI tenantUrl() {
        return tenantUrl;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("X-Api-Key", apiKey);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String method) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            // The path names the booking only; the body and the key are never logged. The logging context
            // carries the mailbox and the trace ids of the records (RecordContext).
            log.debug("ResourceXpress answered {} to {} {}", response.statusCode(), method, response.request().uri().getPath());
            return response;
        } catch (IOException e) {
            // Refused, reset, timed out: RX or the network is away for now.
            throw new TransientFailure("ResourceXpress " + method + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailure("interrupted while calling ResourceXpress", e);
        }
    }

    private RuntimeException classify(HttpResponse<String> response, String method) {
        int status = response.statusCode();
        String what = "ResourceXpress answered " + status + " to " + method + " " + response.request().uri().getPath();
        if (status == 401 || status == 403) {
            return new ConfigurationFailure(ConfigurationFailure.Component.RESOURCEXPRESS, rejectedKeyMessage(), null);
        }
        if (status == 400 || status == 422) {
            // RX's error body describes the invalid field; it holds no secret and helps the operator.
            return new PermanentFailure(FailureStage.PUSH, what + ": " + abbreviate(response.body()));
        }
        if (status == 429 || status == 503) {
            return new TransientFailure(what, GraphHttp.retryAfter(response, clock).orElse(null), null);
        }
        return new TransientFailure(what, null);
    }

    private static String abbreviate(String body) {
        String text = body == null ? "" : body.strip();
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
