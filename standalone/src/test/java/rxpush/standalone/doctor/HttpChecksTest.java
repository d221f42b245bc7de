package rxpush.standalone.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rxpush.standalone.doctor.CheckResult.Status;
import rxpush.testsupport.LoopbackHttp;
import rxpush.testsupport.LoopbackHttp.Answer;

/** ResourceXpress and NotificationUrl checks, each against the failure it detects. */
class HttpChecksTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private final HttpClient http = HttpClient.newHttpClient();

    private static CheckResult only(List<CheckResult> results) {
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    @Test
    void resourceXpressAcceptingTheKeyPasses() {
        try (LoopbackHttp rx = new LoopbackHttp(r -> "k1".equals(r.header("X-Api-Key")) ? Answer.json(200, "{}") : Answer.json(401, "{}"))) {
            CheckResult result = only(new ResourceXpressCheck(URI.create(rx.url("")), "k1", http, TIMEOUT).run());
            assertThat(result.status()).isEqualTo(Status.PASS);
            assertThat(rx.requests).singleElement().satisfies(r -> assertThat(r.path()).isEqualTo("/api/push/v1/health"));
        }
    }

    @Test
    void aRejectedApiKeyFailsWithTheWebConfigHintAndNoKey() {
        try (LoopbackHttp rx = new LoopbackHttp(r -> Answer.json(401, "{}"))) {
            CheckResult result = only(new ResourceXpressCheck(URI.create(rx.url("")), "wrong-key", http, TIMEOUT).run());
            assertThat(result.status()).isEqualTo(Status.FAIL);
            assertThat(result.line()).contains("rejected the ApiKey").contains("ApiKey in RX web.config").doesNotContain("wrong-key");
        }
    }

    @Test
    void aTenantUrlThatIsNotResourceXpressFails() {
        try (LoopbackHttp other = new LoopbackHttp(r -> Answer.json(404, "{}"))) {
            CheckResult result = only(new ResourceXpressCheck(URI.create(other.url("")), "k", http, TIMEOUT).run());
            assertThat(result.status()).isEqualTo(Status.FAIL);
            assertThat(result.what()).contains("HTTP 404");
        }
    }

    @Test
    void anUnreachableResourceXpressFails() {
        CheckResult result = only(new ResourceXpressCheck(URI.create("http://127.0.0.1:1"), "k", http, TIMEOUT).run());
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.what()).contains("not reachable");
    }

    @Test
    void missingSettingsFailNamingTheKey() {
        assertThat(only(new ResourceXpressCheck(null, "k", http, TIMEOUT).run()).what()).contains("rxpush.tenant-url");
        assertThat(only(new ResourceXpressCheck(URI.create("http://rx"), " ", http, TIMEOUT).run()).what()).contains("rxpush.api-key");
        assertThat(only(new NotificationUrlCheck(null, http, TIMEOUT).run()).what()).contains("rxpush.notification-url");
    }

    @Test
    void aNotificationUrlThatEchoesTheValidationTokenPasses() {
        try (LoopbackHttp ingress = new LoopbackHttp(r -> {
            String token = java.net.URLDecoder.decode(r.path().substring(r.path().indexOf("validationToken=") + 16),
                    java.nio.charset.StandardCharsets.UTF_8);
            return new Answer(200, "text/plain; charset=utf-8", token, Map.of());
        })) {
            CheckResult result = only(new NotificationUrlCheck(URI.create(ingress.url("/")), http, TIMEOUT).run());
            assertThat(result.status()).isEqualTo(Status.PASS);
            assertThat(ingress.requests).singleElement().satisfies(r -> {
                assertThat(r.method()).isEqualTo("POST");
                assertThat(r.path()).startsWith("/graph/notifications?validationToken=rxpush-doctor-");
            });
        }
    }

    @Test
    void aNotificationUrlServedBySomethingElseFails() {
        try (LoopbackHttp proxy = new LoopbackHttp(r -> new Answer(200, "text/html", "<html>welcome</html>", Map.of()))) {
            CheckResult result = only(new NotificationUrlCheck(URI.create(proxy.url("")), http, TIMEOUT).run());
            assertThat(result.status()).isEqualTo(Status.FAIL);
            assertThat(result.fix()).contains("routes to ingress-service");
        }
    }

    @Test
    void anUnreachableNotificationUrlFails() {
        CheckResult result = only(new NotificationUrlCheck(URI.create("http://127.0.0.1:1"), http, TIMEOUT).run());
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.what()).contains("not reachable");
    }
}
