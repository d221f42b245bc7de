package rxpush.common.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rxpush.common.config.GraphSettings;
import rxpush.testsupport.LoopbackHttp;
import rxpush.testsupport.LoopbackHttp.Answer;
import rxpush.testsupport.MutableClock;
import rxpush.testsupport.TestCertificates;

/** Tokens per Microsoft cloud, certificate credentials, and where the bearer token may go. */
class GraphCloudsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T09:00:00Z"));
    private final HttpClient client = HttpClient.newHttpClient();

    private static final String TOKEN = "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"tok\"}";

    private static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&")).map(p -> p.split("=", 2)).collect(Collectors.toMap(
                p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }

    @Test
    void aGccHighConfigurationAsksForTheGccHighScope() throws Exception {
        try (LoopbackHttp login = new LoopbackHttp(request -> Answer.json(200, TOKEN))) {
            GraphSettings settings = new GraphSettings(URI.create("https://graph.microsoft.us/v1.0"), null, "tenant-1",
                    "app", "secret", URI.create(login.url("")), null, null, null, false);
            new GraphTokenProvider(settings, client, clock, Duration.ofSeconds(5)).token();
            assertThat(login.requests).singleElement().satisfies(r -> {
                assertThat(r.path()).isEqualTo("/tenant-1/oauth2/v2.0/token");
                assertThat(form(r.body())).containsEntry("scope", "https://graph.microsoft.us/.default")
                        .containsEntry("client_secret", "secret");
            });
        }
    }

    @Test
    void aCertificateCredentialSendsASignedAssertionInsteadOfASecret(@TempDir Path dir) throws Exception {
        Path p12 = TestCertificates.selfSigned(dir, "app", "app", null);
        try (LoopbackHttp login = new LoopbackHttp(request -> Answer.json(200, TOKEN))) {
            GraphSettings settings = new GraphSettings(URI.create("https://microsoftgraph.chinacloudapi.cn/v1.0"), null,
                    "tenant-1", "app", null, URI.create(login.url("")), p12, TestCertificates.PASSWORD, null, false);
            assertThat(new GraphTokenProvider(settings, client, clock, Duration.ofSeconds(5)).token()).isEqualTo("tok");
            Map<String, String> form = form(login.requests.getFirst().body());
            assertThat(form).doesNotContainKey("client_secret")
                    .containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                    .containsEntry("scope", "https://microsoftgraph.chinacloudapi.cn/.default");
            String[] jwt = form.get("client_assertion").split("\\.");
            Signature verify = Signature.getInstance("SHA256withRSA");
            verify.initVerify(TestCertificates.certificate(p12).getPublicKey());
            verify.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
            assertThat(verify.verify(Base64.getUrlDecoder().decode(jwt[2]))).isTrue();
            assertThat(new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8))
                    .contains("\"aud\":\"" + login.url("/tenant-1/oauth2/v2.0/token") + "\"");
        }
    }

    @Test
    void theBearerTokenIsNeverSentToAnotherHostThanTheGraphRoot() {
        try (LoopbackHttp graph = new LoopbackHttp(request -> request.path().endsWith("/token")
                ? Answer.json(200, TOKEN) : Answer.json(200, "{\"value\":[]}"));
             LoopbackHttp elsewhere = new LoopbackHttp(request -> Answer.json(200, "{}"))) {
            GraphSettings settings = new GraphSettings(URI.create(graph.url("/v1.0")), URI.create(graph.url("/t/token")),
                    "t", "app", "s");
            GraphHttp http = new GraphHttp(settings, client, new GraphTokenProvider(settings, client, clock,
                    Duration.ofSeconds(5)), clock, Duration.ofSeconds(5));
            assertThatThrownBy(() -> http.send(http.requestAbsolute(URI.create(elsewhere.url("/v1.0/users?$skiptoken=x")))
                    .GET())).isInstanceOf(GraphAuthException.class).hasMessageContaining("refused to send the Graph token");
            assertThat(elsewhere.requests).isEmpty();
        }
    }

    @Test
    void aForbiddenMailboxIsAnAccessDenialNamingTheFix() {
        String denied = "{\"error\":{\"code\":\"ErrorAccessDenied\",\"message\":\"Access to OData is disabled: [RAOP] :"
                + " Blocked by tenant configured AppOnly AccessPolicy settings.\"}}";
        try (LoopbackHttp graph = new LoopbackHttp(request -> request.path().endsWith("/token")
                ? Answer.json(200, TOKEN) : Answer.json(403, denied))) {
            GraphSettings settings = new GraphSettings(URI.create(graph.url("/v1.0")), URI.create(graph.url("/t/token")),
                    "t", "app", "s");
            GraphHttp http = new GraphHttp(settings, client, new GraphTokenProvider(settings, client, clock,
                    Duration.ofSeconds(5)), clock, Duration.ofSeconds(5));
            assertThatThrownBy(() -> http.send(http.request("/users/room-b@contoso.com/events/x").GET()))
                    .isInstanceOfSatisfying(GraphAccessDeniedException.class, e -> {
                        assertThat(e.code()).isEqualTo("ErrorAccessDenied");
                        assertThat(e.getMessage()).contains("/users/room-b@contoso.com/events/x")
                                .contains("AccessPolicy").contains("application access policy");
                    });
        }
    }
}
