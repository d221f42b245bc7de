package rxpush.simulators.exchange.graph;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import rxpush.simulators.exchange.ExchangeSimulator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client speaking Graph to the simulator, as a test would against the real thing. */
final class GraphClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    record Answer(int status, JsonNode json, HttpResponse<String> raw) {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final ExchangeSimulator sim;
    private String token;
    private java.time.Instant tokenExpiry;

    GraphClient(ExchangeSimulator sim) {
        this.sim = sim;
    }

    String token() throws IOException, InterruptedException {
        Answer answer = tokenRequest("grant_type=client_credentials&client_id=" + sim.clientId() + "&client_secret="
                + URLEncoder.encode(sim.clientSecret(), StandardCharsets.UTF_8)
                + "&scope=" + URLEncoder.encode("https://graph.microsoft.com/.default", StandardCharsets.UTF_8));
        token = answer.json().path("access_token").asString();
        // Like a real client: refresh ahead of expires_in (on the simulator's clock here).
        tokenExpiry = sim.now().plusSeconds(answer.json().path("expires_in").asLong()).minusSeconds(300);
        return token;
    }

    Answer tokenRequest(String form) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(sim.tokenUrl()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    Answer get(String path, String... headers) throws IOException, InterruptedException {
        return send(builder(path, headers).GET().build());
    }

    Answer post(String path, String json, String... headers) throws IOException, InterruptedException {
        return send(builder(path, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Answer patch(String path, String json) throws IOException, InterruptedException {
        return send(builder(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Answer delete(String path) throws IOException, InterruptedException {
        return send(builder(path).DELETE().build());
    }

    private HttpRequest.Builder builder(String path, String... headers) throws IOException, InterruptedException {
        if (token == null || !sim.now().isBefore(tokenExpiry)) {
            token();
        }
        URI uri = path.startsWith("http") ? URI.create(path) : URI.create(sim.graphBaseUrl() + path);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        return new Answer(response.statusCode(), json, response);
    }
}
