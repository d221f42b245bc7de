package rxpush.standalone.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rxpush.testsupport.LoopbackHttp;
import rxpush.testsupport.LoopbackHttp.Answer;

class AdminGatewayTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> call(AdminGateway gateway, String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int port(LoopbackHttp server) {
        return URI.create(server.url("/")).getPort();
    }

    @Test
    void theAdminApiGoesToTheSubscriptionServiceWithMethodQueryAndBody() throws Exception {
        try (LoopbackHttp subscription = new LoopbackHttp(r -> Answer.json(201, "{\"echo\":\"" + r.method() + " " + r.path() + "\"}"));
                AdminGateway gateway = new AdminGateway(0, Map.of("subscription", port(subscription)), "subscription")) {
            HttpResponse<String> response = call(gateway, "POST", "/api/mailboxes?dryRun=true", "{\"address\":\"a@b.c\"}");
            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(response.body()).contains("POST /api/mailboxes?dryRun=true");
            assertThat(subscription.requests.get(0).body()).isEqualTo("{\"address\":\"a@b.c\"}");
            assertThat(subscription.requests.get(0).header("Content-Type")).isEqualTo("application/json");
        }
    }

    @Test
    void healthIsUpOnlyWhenEveryServiceIsUp() throws Exception {
        try (LoopbackHttp up = new LoopbackHttp(r -> Answer.json(200, "{\"status\":\"UP\"}"));
                LoopbackHttp down = new LoopbackHttp(r -> Answer.json(503, "{\"status\":\"DOWN\"}"))) {
            Map<String, Integer> allUp = new LinkedHashMap<>();
            allUp.put("ingress", port(up));
            allUp.put("forwarder", port(up));
            try (AdminGateway gateway = new AdminGateway(0, allUp, "ingress")) {
                HttpResponse<String> response = call(gateway, "GET", "/actuator/health", null);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo(
                        "{\"status\":\"UP\",\"components\":{\"ingress\":{\"status\":\"UP\"},\"forwarder\":{\"status\":\"UP\"}}}");
            }
            Map<String, Integer> oneDown = new LinkedHashMap<>(allUp);
            oneDown.put("forwarder", port(down));
            try (AdminGateway gateway = new AdminGateway(0, oneDown, "ingress")) {
                HttpResponse<String> response = call(gateway, "GET", "/actuator/health", null);
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.body()).startsWith("{\"status\":\"DOWN\"").contains("\"forwarder\":{\"status\":\"DOWN\"}");
            }
        }
    }

    @Test
    void aServicesActuatorIsReachableUnderItsName() throws Exception {
        try (LoopbackHttp forwarder = new LoopbackHttp(r -> new Answer(200, "text/plain;version=0.0.4", "# " + r.path(), Map.of()));
                AdminGateway gateway = new AdminGateway(0, Map.of("forwarder", port(forwarder)), "forwarder")) {
            HttpResponse<String> response = call(gateway, "GET", "/actuator/forwarder/prometheus", null);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("# /actuator/prometheus");
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain;version=0.0.4");
        }
    }

    @Test
    void unknownServicesAndDeadUpstreamsAreClearErrors() throws Exception {
        try (AdminGateway gateway = new AdminGateway(0, Map.of("forwarder", 1), "forwarder")) {
            HttpResponse<String> unknown = call(gateway, "GET", "/actuator/nope/health", null);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("unknown service 'nope'");
            HttpResponse<String> dead = call(gateway, "GET", "/actuator/forwarder/health", null);
            assertThat(dead.statusCode()).isEqualTo(502);
            assertThat(dead.body()).contains("forwarder is not answering");
            assertThat(call(gateway, "GET", "/actuator/health", null).statusCode()).isEqualTo(503);
        }
    }
}
