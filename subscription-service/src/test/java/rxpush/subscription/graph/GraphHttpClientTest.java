package rxpush.subscription.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import rxpush.common.config.GraphSettings;
import rxpush.common.exchange.GraphHttp;
import rxpush.common.exchange.GraphTokenProvider;
import rxpush.subscription.engine.ExchangeException;
import rxpush.subscription.engine.GraphClient;
import rxpush.subscription.testing.GraphStub;
import rxpush.testsupport.LoopbackHttp.Answer;

/** The Graph client against a loopback Graph: request shapes, paging, and how failures are classified. */
class GraphHttpClientTest {

    private static final URI NOTIFY = URI.create("https://push.contoso.com/rx/graph/notifications");
    private static final URI LIFECYCLE = URI.create("https://push.contoso.com/rx/graph/lifecycle");
    private final GraphStub stub = new GraphStub();
    private final GraphHttpClient client = client(stub);

    private static GraphHttpClient client(GraphStub stub) {
        GraphSettings settings = new GraphSettings(URI.create(stub.baseUrl()), URI.create(stub.tokenUrl()), "t", "app", "s");
        HttpClient http = HttpClient.newHttpClient();
        Clock clock = Clock.systemUTC();
        return new GraphHttpClient(new GraphHttp(settings, http,
                new GraphTokenProvider(settings, http, clock, Duration.ofSeconds(5)), clock, Duration.ofSeconds(5)),
                NOTIFY, LIFECYCLE);
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void createsAnEventSubscriptionWithBothTokenizedUrlsAndTheClientState() throws Exception {
        Instant expiry = Instant.parse("2026-11-09T08:00:00Z");
        GraphClient.Subscription s = client.create("room.1@contoso.com", "secret-client-state", "url-token", expiry);

        assertThat(s.mailbox()).isEqualTo("room.1@contoso.com");
        assertThat(s.expiresAt()).isEqualTo(expiry);
        assertThat(s.notificationUrl()).hasToString(NOTIFY + "/url-token");
        GraphStub.Sub atGraph = stub.subs.get(s.id());
        assertThat(atGraph.resource()).isEqualTo("/users/room.1@contoso.com/events");
        assertThat(atGraph.lifecycleUrl()).isEqualTo(LIFECYCLE + "/url-token");
        assertThat(atGraph.clientState()).isEqualTo("secret-client-state");
        assertThat(stub.requests()).filteredOn(r -> r.method().equals("POST") && r.path().endsWith("/subscriptions"))
                .singleElement().satisfies(r -> {
                    assertThat(r.body()).contains("\"changeType\":\"created,updated,deleted\"");
                    // Notifications must name events by the immutable ids the forwarder pushes them under.
                    assertThat(r.header("Prefer")).isEqualTo("IdType=\"ImmutableId\"");
                });
    }

    @Test
    void renewsByPatchAndReportsAGoneSubscriptionAsNotFound() throws Exception {
        GraphClient.Subscription s = client.create("room.1@contoso.com", "cs", "url-token", Instant.parse("2026-11-09T08:00:00Z"));
        Instant later = Instant.parse("2026-11-12T08:00:00Z");
        assertThat(client.renew(s.id(), later)).isEqualTo(later);

        client.delete(s.id());
        assertThatThrownBy(() -> client.renew(s.id(), later)).isInstanceOfSatisfying(ExchangeException.class,
                e -> assertThat(e.kind()).isEqualTo(ExchangeException.Kind.NOT_FOUND));
        client.delete(s.id());
    }

    @Test
    void listsEveryPage() throws Exception {
        client.create("room.1@contoso.com", "a", "url-token", Instant.parse("2026-11-09T08:00:00Z"));
        client.create("room.2@contoso.com", "b", "url-token", Instant.parse("2026-11-09T08:00:00Z"));
        String next = stub.baseUrl() + "/subscriptions?$skiptoken=page2";
        stub.override = r -> r.method().equals("GET") && r.path().equals("/v1.0/subscriptions")
                ? Answer.json(200, "{\"value\":[{\"id\":\"x\",\"resource\":\"Users/Other@Contoso.com/Events\","
                        + "\"notificationUrl\":\"" + NOTIFY + "\",\"expirationDateTime\":\"2026-11-09T08:00:00Z\"}],"
                        + "\"@odata.nextLink\":\"" + next + "\"}")
                : null;
        assertThat(client.list()).extracting(GraphClient.Subscription::mailbox)
                .contains("other@contoso.com", "room.1@contoso.com", "room.2@contoso.com");
    }

    @Test
    void throttlingCarriesRetryAfter() {
        stub.override = r -> r.method().equals("POST") && r.path().endsWith("/subscriptions")
                ? new Answer(429, "application/json", "{}", Map.of("Retry-After", "17")) : null;
        assertThatThrownBy(() -> client.create("room.1@contoso.com", "cs", "url-token", Instant.now().plusSeconds(3600)))
                .isInstanceOfSatisfying(ExchangeException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ExchangeException.Kind.THROTTLED);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(17));
                });
    }

    @Test
    void aFailedValidationHandshakeAndAServerErrorAreTransientOtherBadRequestsPermanent() {
        // The notification URL did not answer Graph: on the rig ingress was still starting.
        stub.override = r -> r.method().equals("POST") && r.path().endsWith("/subscriptions")
                ? Answer.json(400, "{\"error\":{\"code\":\"ValidationError\",\"message\":\"Subscription validation request failed\"}}")
                : null;
        assertThatThrownBy(() -> client.create("room.1@contoso.com", "cs", "url-token", Instant.now().plusSeconds(3600)))
                .isInstanceOfSatisfying(ExchangeException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ExchangeException.Kind.TRANSIENT);
                    assertThat(e.getMessage()).contains("400").contains("ValidationError").doesNotContain("cs\"");
                });
        stub.override = r -> r.method().equals("POST") && r.path().endsWith("/subscriptions")
                ? Answer.json(400, "{\"error\":{\"code\":\"ExtensionError\",\"message\":\"expiration too far\"}}")
                : null;
        assertThatThrownBy(() -> client.create("room.1@contoso.com", "cs", "url-token", Instant.now().plusSeconds(3600)))
                .isInstanceOfSatisfying(ExchangeException.class,
                        e -> assertThat(e.kind()).isEqualTo(ExchangeException.Kind.PERMANENT));
        stub.override = r -> r.method().equals("POST") && r.path().endsWith("/subscriptions") ? Answer.json(502, "{}") : null;
        assertThatThrownBy(() -> client.create("room.1@contoso.com", "cs", "url-token", Instant.now().plusSeconds(3600)))
                .isInstanceOfSatisfying(ExchangeException.class,
                        e -> assertThat(e.kind()).isEqualTo(ExchangeException.Kind.TRANSIENT));
    }

    @Test
    void refusedCredentialsArePermanent() {
        stub.override = r -> r.path().equals("/token") ? Answer.json(401, "{\"error\":\"invalid_client\"}") : null;
        assertThatThrownBy(() -> client.create("room.1@contoso.com", "cs", "url-token", Instant.now().plusSeconds(3600)))
                .isInstanceOfSatisfying(ExchangeException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ExchangeException.Kind.PERMANENT);
                    assertThat(e.getMessage()).contains("invalid_client").doesNotContain("client_secret");
                });
    }

    @Test
    void onlyMailboxEventResourcesNameAMailbox() {
        assertThat(GraphHttpClient.mailboxOf("/users/Room.1%40contoso.com/events")).isEqualTo("room.1@contoso.com");
        assertThat(GraphHttpClient.mailboxOf("/users/6f1c-guid/events")).isNull();
        assertThat(GraphHttpClient.mailboxOf("/groups/abc/calendar/events")).isNull();
    }
}
