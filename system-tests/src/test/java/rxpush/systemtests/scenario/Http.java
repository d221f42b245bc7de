package rxpush.systemtests.scenario;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The few HTTP calls the scenarios make to simulators and actuators, JSON in and out. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Http() {
    }

    static JsonNode get(URI uri) {
        return JSON.readTree(text(HttpRequest.newBuilder(uri).GET()));
    }

    static JsonNode post(URI uri, String jsonBody) {
        return JSON.readTree(text(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody))));
    }

    static JsonNode patch(URI uri, String jsonBody) {
        return JSON.readTree(text(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(jsonBody))));
    }

    /** Pretty-printed JSON of maps, lists and JSON nodes (for diagnostics files). */
    static String json(Object value) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    }

    static String getText(URI uri) {
        return text(HttpRequest.newBuilder(uri).GET());
    }

    private static String text(HttpRequest.Builder request) {
        request.header("Authorization", "Bearer " + rxpush.systemtests.rig.Instance.ADMIN_TOKEN);
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return response.body().isEmpty() ? "{}" : response.body();
        } catch (IOException e) {
            throw new IllegalStateException("cannot call " + request.build().uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
