package rxpush.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
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
    }

    @LocalServerPort
    int port;

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
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
