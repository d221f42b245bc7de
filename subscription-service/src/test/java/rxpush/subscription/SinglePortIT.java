package rxpush.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import rxpush.testsupport.WithKafka;

/**
 * The default deployment: one web server (no separate management port) serving the admin API and the
 * actuator, bound to the loopback interface.
 */
@WithKafka
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.config.name=subscription",
    "server.port=0",
    "rxpush.notification-url=https://push.contoso.test/rx",
    "rxpush.topics.partitions=1",
})
class SinglePortIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        registry.add("rxpush.subscription.topic-prefix", () -> "single-" + id + ".");
        registry.add("rxpush.subscription.group-id", () -> "single-" + id);
        registry.add("rxpush.admin.token-file", () -> TOKEN_FILE.toString());
    }

    /** No token configured: the service generates one into this file at start-up. */
    private static final Path TOKEN_FILE = tokenFile();

    private static Path tokenFile() {
        try {
            return Files.createTempDirectory("single-port").resolve("data/admin-token");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + Files.readString(TOKEN_FILE).trim())
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Status code of a request written by hand: the JDK client does not let a caller set Host. */
    private int raw(String method, String path, String host, String... headers) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
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
    void theAdminPortWantsTheGeneratedTokenALoopbackHostAndJson() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(TOKEN_FILE))).isEqualTo("rw-------");
        String bearer = "Authorization: Bearer " + Files.readString(TOKEN_FILE).trim();

        assertThat(raw("GET", "/api/mailboxes", "127.0.0.1:" + port, bearer)).isEqualTo(200);
        // no token, a wrong one
        assertThat(raw("GET", "/api/mailboxes", "127.0.0.1:" + port)).isEqualTo(401);
        assertThat(raw("GET", "/api/status", "localhost:" + port, "Authorization: Bearer nope")).isEqualTo(401);
        assertThat(raw("GET", "/actuator/info", "localhost:" + port)).isEqualTo(401);
        // DNS rebinding: the browser sends the attacker's host name, even when it resolves to 127.0.0.1
        assertThat(raw("GET", "/api/mailboxes", "rebind.attacker.example:" + port, bearer)).isEqualTo(403);
        assertThat(raw("POST", "/api/mailboxes", "rebind.attacker.example:" + port, bearer,
                "Content-Type: application/json")).isEqualTo(403);
        // a form post (what a page can send without a preflight) changes nothing, even with the token
        assertThat(raw("POST", "/api/mailboxes/x@contoso.com/resync", "localhost:" + port, bearer,
                "Content-Type: application/x-www-form-urlencoded")).isEqualTo(415);
        assertThat(raw("POST", "/api/mailboxes", "localhost:" + port, "Content-Type: application/json")).isEqualTo(401);
        // probes need neither
        assertThat(raw("GET", "/actuator/health", "10.1.2.3:" + port)).isIn(200, 503);
    }

    @Test
    void adminApiAndActuatorShareTheOneLoopbackPort() throws Exception {
        assertThat(get("/api/mailboxes").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> health = get("/actuator/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"");
        });
        assertThat(get("/api/status").body()).contains("\"ownedPartitions\":[0]");
    }
}
