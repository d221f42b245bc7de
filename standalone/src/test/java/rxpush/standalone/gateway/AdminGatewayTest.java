package rxpush.standalone.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import rxpush.common.admin.AdminAccess;
import rxpush.testsupport.LoopbackHttp;
import rxpush.testsupport.LoopbackHttp.Answer;

class AdminGatewayTest {

    private static final String TOKEN = "gateway-test-token";
    private static final AdminAccess ACCESS = new AdminAccess(TOKEN, Set.of());

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> call(AdminGateway gateway, String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int port(LoopbackHttp server) {
        return URI.create(server.url("/")).getPort();
    }

    @Test
    void theAdminApiGoesToTheSubscriptionServiceWithMethodQueryAndBody() throws Exception {
        try (LoopbackHttp subscription = new LoopbackHttp(r -> Answer.json(201, "{\"echo\":\"" + r.method() + " " + r.path() + "\"}"));
                AdminGateway gateway = new AdminGateway(0, Map.of("subscription", port(subscription)), "subscription", ACCESS)) {
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
            try (AdminGateway gateway = new AdminGateway(0, allUp, "ingress", ACCESS)) {
                HttpResponse<String> response = call(gateway, "GET", "/actuator/health", null);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo(
                        "{\"status\":\"UP\",\"components\":{\"ingress\":{\"status\":\"UP\"},\"forwarder\":{\"status\":\"UP\"}}}");
            }
            Map<String, Integer> oneDown = new LinkedHashMap<>(allUp);
            oneDown.put("forwarder", port(down));
            try (AdminGateway gateway = new AdminGateway(0, oneDown, "ingress", ACCESS)) {
                HttpResponse<String> response = call(gateway, "GET", "/actuator/health", null);
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.body()).startsWith("{\"status\":\"DOWN\"").contains("\"forwarder\":{\"status\":\"DOWN\"}");
            }
        }
    }

    @Test
    void aServicesActuatorIsReachableUnderItsName() throws Exception {
        try (LoopbackHttp forwarder = new LoopbackHttp(r -> new Answer(200, "text/plain;version=0.0.4", "# " + r.path(), Map.of()));
                AdminGateway gateway = new AdminGateway(0, Map.of("forwarder", port(forwarder)), "forwarder", ACCESS)) {
            HttpResponse<String> response = call(gateway, "GET", "/actuator/forwarder/prometheus", null);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("# /actuator/prometheus");
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain;version=0.0.4");
        }
    }

    @Test
    void unknownServicesAndDeadUpstreamsAreClearErrors() throws Exception {
        try (AdminGateway gateway = new AdminGateway(0, Map.of("forwarder", 1), "forwarder", ACCESS)) {
            HttpResponse<String> unknown = call(gateway, "GET", "/actuator/nope/health", null);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("unknown service 'nope'");
            HttpResponse<String> dead = call(gateway, "GET", "/actuator/forwarder/health", null);
            assertThat(dead.statusCode()).isEqualTo(502);
            assertThat(dead.body()).contains("forwarder is not answering");
            assertThat(call(gateway, "GET", "/actuator/health", null).statusCode()).isEqualTo(503);
        }
    }

    /** Status code of a request written by hand: the JDK client does not let a caller set Host. */
    private static int raw(AdminGateway gateway, String method, String path, String host, String... headers) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.port())) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\nContent-Length: 2\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            socket.getOutputStream().write(request.append("\r\n{}").toString().getBytes(StandardCharsets.US_ASCII));
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    @Test
    void nothingReachesTheAdminServiceWithoutTheTokenFromAForeignHostOrAsAForm() throws Exception {
        try (LoopbackHttp subscription = new LoopbackHttp(r -> Answer.json(200, "{}"));
                AdminGateway gateway = new AdminGateway(0, Map.of("subscription", port(subscription)), "subscription", ACCESS)) {
            String bearer = "Authorization: Bearer " + TOKEN;
            String local = "127.0.0.1:" + gateway.port();

            assertThat(raw(gateway, "GET", "/api/mailboxes", local)).isEqualTo(401);
            assertThat(raw(gateway, "POST", "/api/mailboxes", local, "Content-Type: application/json")).isEqualTo(401);
            assertThat(raw(gateway, "POST", "/api/mailboxes", "rebind.attacker.example:" + gateway.port(), bearer,
                    "Content-Type: application/json")).isEqualTo(403);
            assertThat(raw(gateway, "POST", "/api/mailboxes/a@b.c/resync", local, bearer, "Content-Type: text/plain"))
                    .isEqualTo(415);
            assertThat(subscription.requests).isEmpty();

            assertThat(raw(gateway, "POST", "/api/mailboxes", local, bearer, "Content-Type: application/json")).isEqualTo(200);
            assertThat(subscription.requests).singleElement()
                    .satisfies(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + TOKEN));
        }
    }
}
