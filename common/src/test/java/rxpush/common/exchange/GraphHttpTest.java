package rxpush.common.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import rxpush.common.config.GraphSettings;
import rxpush.testsupport.LoopbackHttp;
import rxpush.testsupport.MutableClock;
import rxpush.testsupport.LoopbackHttp.Answer;

class GraphHttpTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T09:00:00Z"));
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicInteger tokensIssued = new AtomicInteger();

    private LoopbackHttp graph(java.util.function.Function<LoopbackHttp.Request, Answer> api) {
        return new LoopbackHttp(request -> {
            if (request.path().endsWith("/token")) {
                int n = tokensIssued.incrementAndGet();
                return Answer.json(200, "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"tok-" + n + "\"}");
            }
            return api.apply(request);
        });
    }

    private GraphHttp http(LoopbackHttp server) {
        GraphSettings settings = new GraphSettings(URI.create(server.url("/v1.0")), URI.create(server.url("/tenant/token")),
                "tenant", "client-id", "client-secret-value");
        GraphTokenProvider tokens = new GraphTokenProvider(settings, client, clock, Duration.ofSeconds(5));
        return new GraphHttp(settings, client, tokens, clock, Duration.ofSeconds(5));
    }

    @Test
    void sendsTheBearerTokenAndCachesItUntilNearExpiry() throws Exception {
        try (LoopbackHttp server = graph(request -> Answer.json(200, "{}"))) {
            GraphHttp http = http(server);
            http.send(http.request("/users/a/events/1").GET());
            http.send(http.request("/users/a/events/2").GET());
            assertThat(tokensIssued).hasValue(1);
            clock.advance(Duration.ofMinutes(54)); // 59m59s lifetime - 5 min margin: still valid
            http.send(http.request("/users/a/events/3").GET());
            assertThat(tokensIssued).hasValue(1);
            clock.advance(Duration.ofMinutes(1));
            http.send(http.request("/users/a/events/4").GET());
            assertThat(tokensIssued).hasValue(2);
            assertThat(server.requests).filteredOn(r -> r.path().startsWith("/v1.0"))
                    .extracting(r -> r.header("Authorization"))
                    .containsExactly("Bearer tok-1", "Bearer tok-1", "Bearer tok-1", "Bearer tok-2");
        }
    }

    @Test
    void theTokenRequestIsAClientCredentialsGrantForGraph() throws Exception {
        try (LoopbackHttp server = graph(request -> Answer.json(200, "{}"))) {
            GraphHttp http = http(server);
            http.send(http.request("/subscriptions").GET());
            LoopbackHttp.Request tokenRequest = server.requests.get(0);
            // The scope is the configured Graph root's (here the loopback stand-in's) /.default.
            String root = java.net.URLEncoder.encode(server.url("/.default"), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(tokenRequest.body()).contains("grant_type=client_credentials", "client_id=client-id",
                    "client_secret=client-secret-value", "scope=" + root);
        }
    }

    @Test
    void a401RetriesOnceWithAFreshToken() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (LoopbackHttp server = graph(request -> calls.incrementAndGet() == 1 ? Answer.json(401, "{}") : Answer.json(200, "{\"ok\":1}"))) {
            HttpResponse<String> response = http(server).send(http(server).request("/subscriptions").GET());
            assertThat(response.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void a403IsAConfigurationErrorThatNamesNoSecret() {
        try (LoopbackHttp server = graph(request -> Answer.json(403, "{}"))) {
            GraphHttp http = http(server);
            assertThatThrownBy(() -> http.send(http.request("/users/a/events").GET()))
                    .isInstanceOf(GraphAuthException.class)
                    .hasMessageContaining("403")
                    .hasMessageNotContaining("client-secret-value");
        }
    }

    @Test
    void a429CarriesRetryAfter() {
        try (LoopbackHttp server = graph(request -> new Answer(429, "application/json", "{}", Map.of("Retry-After", "7")))) {
            GraphHttp http = http(server);
            assertThatThrownBy(() -> http.send(http.request("/users/a/events").GET()))
                    .isInstanceOfSatisfying(ThrottledException.class,
                            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
        }
    }

    @Test
    void retryAfterAcceptsSecondsAndHttpDates() {
        assertThat(GraphHttp.parseRetryAfter("120", clock)).contains(Duration.ofMinutes(2));
        assertThat(GraphHttp.parseRetryAfter("Wed, 25 Nov 2026 09:00:30 GMT", clock)).contains(Duration.ofSeconds(30));
        assertThat(GraphHttp.parseRetryAfter("Wed, 25 Nov 2026 08:00:00 GMT", clock)).contains(Duration.ZERO);
        assertThat(GraphHttp.parseRetryAfter("soon", clock)).isEmpty();
    }

    @Test
    void aRefusedTokenNamesGraphsErrorButNotTheSecret() {
        try (LoopbackHttp server = new LoopbackHttp(request -> Answer.json(401,
                "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret provided.\"}"))) {
            GraphHttp http = http(server);
            assertThatThrownBy(() -> http.send(http.request("/subscriptions").GET()))
                    .isInstanceOf(GraphAuthException.class)
                    .hasMessageContaining("invalid_client")
                    .hasMessageNotContaining("client-secret-value");
        }
    }
}
