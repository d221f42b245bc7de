package rxpush.simulators.exchange.graph;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * Graph's validation handshake: {@code POST {url}?validationToken=...} (text/plain, empty body); the
 * endpoint must answer 200 with content type text/plain and the decoded token as body, within the
 * validation timeout (10 s).
 */
final class HandshakeValidator {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final Duration timeout;

    HandshakeValidator(Duration timeout) {
        this.timeout = timeout;
    }

    /** True when the endpoint echoed a fresh token correctly and in time. */
    boolean validate(URI url) {
        String token = "Validation: Testing client application reachability for subscription Request-Id: "
                + UUID.randomUUID();
        String separator = url.getRawQuery() == null ? "?" : "&";
        URI target = URI.create(url + separator + "validationToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                .replace("+", "%20"));
        HttpRequest request = HttpRequest.newBuilder(target).timeout(timeout)
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            return response.statusCode() == 200 && contentType.toLowerCase().startsWith("text/plain")
                    && token.equals(response.body());
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
