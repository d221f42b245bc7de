package rxpush.simulators.resourcexpress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client for the simulator in *IT tests: real sockets, no Spring test client. */
public final class RxClient {

    public static final String DELETED_AT = "2026-11-25T10:00:00Z";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ResourceXpressSimulator rx;

    public RxClient(ResourceXpressSimulator rx) {
        this.rx = rx;
    }

    public HttpResponse<String> put(String id, String key, String body) {
        return send(api("/bookings/" + id).header("Idempotency-Key", key)
                .header("Content-Type", "application/json; charset=utf-8")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    public HttpResponse<String> delete(String id, String key) {
        return send(api("/bookings/" + id).header("Idempotency-Key", key).header("X-Deleted-At", DELETED_AT)
                .DELETE());
    }

    public HttpResponse<String> get(String id) {
        return send(api("/bookings/" + id).GET());
    }

    public HttpResponse<String> health() {
        return send(api("/health").GET());
    }

    /** An RX API request with the right key; add headers and method. */
    public HttpRequest.Builder api(String path) {
        return HttpRequest.newBuilder(URI.create(rx.apiUrl() + path)).timeout(Duration.ofSeconds(20))
                .header("X-Api-Key", rx.apiKey());
    }

    /** A /sim control request. */
    public HttpResponse<String> sim(String method, String path, String body) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return send(HttpRequest.newBuilder(URI.create(rx.baseUrl() + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").method(method, publisher));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
