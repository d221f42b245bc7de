package rxpush.simulators.exchange.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rxpush.simulators.exchange.ExchangeSimulator;
import rxpush.simulators.exchange.ExchangeSimulatorOptions;
import rxpush.simulators.exchange.PushReceiver;
import rxpush.simulators.exchange.calendar.BookingSpec;
import rxpush.simulators.exchange.calendar.ItemView;
import tools.jackson.databind.JsonNode;

/** Graph subscriptions, the validation handshake, change and lifecycle notifications over HTTP. */
class GraphSubscriptionsIT {

    private static ExchangeSimulator sim;
    private static PushReceiver receiver;
    private static GraphClient graph;

    @BeforeAll
    static void start() throws Exception {
        sim = ExchangeSimulator.start(ExchangeSimulatorOptions.defaults().mailboxes(4)
                .property("graph.duplicate-rate", "0"));
        receiver = new PushReceiver();
        graph = new GraphClient(sim);
    }

    @AfterAll
    static void stop() {
        receiver.close();
        sim.close();
    }

    @BeforeEach
    void reset() {
        receiver.answer(PushReceiver.Answer.graph(202));
        receiver.clear();
    }

    private String create(String room, String path, String lifecyclePath, Duration lifetime, String... headers)
            throws Exception {
        GraphClient.Answer created = graph.post("/subscriptions", """
                {"changeType":"created,updated,deleted","notificationUrl":"%s","lifecycleNotificationUrl":"%s",
                 "resource":"users/%s/events","expirationDateTime":"%s","clientState":"secret-%s"}"""
                .formatted(receiver.url(path), receiver.url(lifecyclePath), room, sim.now().plus(lifetime), path),
                headers);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    @Test
    void createValidatesBothUrlsThenNotifiesChangesWithClientState() throws Exception {
        String room = sim.mailboxes().get(0);
        String id = create(room, "/graph/n1", "/graph/l1", Duration.ofDays(2));

        List<PushReceiver.Received> handshakes = receiver.received().stream()
                .filter(r -> r.validationToken() != null).toList();
        assertThat(handshakes).extracting(PushReceiver.Received::path).containsExactlyInAnyOrder("/graph/n1", "/graph/l1");
        assertThat(handshakes.getFirst().validationToken()).startsWith("Validation: Testing client application");

        ItemView booking = sim.bookings().create(room, BookingSpec.random());
        await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.received("/graph/n1").stream()
                .filter(r -> r.validationToken() == null).toList().isEmpty());
        PushReceiver.Received post = receiver.received("/graph/n1").stream().filter(r -> r.validationToken() == null)
                .findFirst().orElseThrow();
        JsonNode first = GraphClient.JSON.readTree(post.body()).path("value").get(0);
        assertThat(first.path("subscriptionId").asString()).isEqualTo(id);
        assertThat(first.path("changeType").asString()).isEqualTo("created");
        assertThat(first.path("clientState").asString()).isEqualTo("secret-/graph/n1");
        assertThat(first.path("resource").asString())
                .isEqualTo("Users/" + sim.graphUserId(room) + "/Events/" + booking.restId());
        assertThat(first.path("resourceData").path("@odata.etag").asString()).startsWith("W/\"DwAAABYAAA");
        assertThat(post.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void aFailedHandshakeRefusesTheSubscription() throws Exception {
        receiver.answer(r -> PushReceiver.Answer.status(200));
        GraphClient.Answer refused = graph.post("/subscriptions", """
                {"changeType":"created","notificationUrl":"%s","resource":"users/%s/events","expirationDateTime":"%s"}"""
                .formatted(receiver.url("/graph/bad"), sim.mailboxes().get(1), sim.now().plus(Duration.ofHours(5))));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("error").path("code").asString()).isEqualTo("ValidationError");
    }

    @Test
    void expiryBeyond10080MinutesDuplicatesAndUnknownUsersAreRejected() throws Exception {
        String room = sim.mailboxes().get(2);
        String body = """
                {"changeType":"updated","notificationUrl":"%s","resource":"users/%s/events","expirationDateTime":"%s"}""";
        GraphClient.Answer tooLong = graph.post("/subscriptions", body.formatted(receiver.url("/graph/x"), room,
                sim.now().plus(Duration.ofMinutes(10081))));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().path("error").path("message").asString()).contains("10080 minutes");

        String ok = body.formatted(receiver.url("/graph/x"), room, sim.now().plus(Duration.ofMinutes(10080)));
        assertThat(graph.post("/subscriptions", ok).status()).isEqualTo(201);
        assertThat(graph.post("/subscriptions", ok).status()).isEqualTo(409);

        GraphClient.Answer unknown = graph.post("/subscriptions", body.formatted(receiver.url("/graph/x"),
                "nobody@sim.contoso.com", sim.now().plus(Duration.ofHours(1))));
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void reauthorizationRequiredBeforeExpiryThenTheSubscriptionExpiresSilently() throws Exception {
        String room = sim.mailboxes().get(3);
        String id = create(room, "/graph/n3", "/graph/l3", Duration.ofHours(3));
        sim.advance(Duration.ofHours(2).plusMinutes(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/graph/l3").stream()
                .anyMatch(r -> r.body().contains("reauthorizationRequired")));

        assertThat(graph.patch("/subscriptions/" + id, "{\"lifecycleNotificationUrl\":\"https://x.test/l\"}")
                .status()).isEqualTo(400);
        assertThat(graph.post("/subscriptions/" + id + "/reauthorize", "").status()).isEqualTo(204);
        GraphClient.Answer renewed = graph.patch("/subscriptions/" + id,
                "{\"expirationDateTime\":\"" + sim.now().plus(Duration.ofHours(3)) + "\"}");
        assertThat(renewed.status()).isEqualTo(200);
        sim.advance(Duration.ofHours(1));
        assertThat(graph.get("/subscriptions/" + id).status()).isEqualTo(200);

        sim.advance(Duration.ofHours(2).plusMinutes(1));
        assertThat(graph.get("/subscriptions/" + id).status()).isEqualTo(404);
        assertThat(graph.patch("/subscriptions/" + id, "{\"expirationDateTime\":\"" + sim.now().plus(Duration.ofHours(1))
                + "\"}").status()).isEqualTo(404);
    }

    @Test
    void subscriptionRemovedAndMissedOnDemand() throws Exception {
        String room = sim.mailboxes().get(1);
        String removed = create(room, "/graph/n4", "/graph/l4", Duration.ofDays(1));
        assertThat(sim.graph().missed(null, removed)).isEqualTo(1);
        assertThat(sim.graph().remove(null, removed)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> lifecycleEvents("/graph/l4").size() == 2);
        assertThat(lifecycleEvents("/graph/l4")).containsExactlyInAnyOrder("missed", "subscriptionRemoved");
        assertThat(graph.get("/subscriptions/" + removed).status()).isEqualTo(404);
        assertThat(graph.delete("/subscriptions/" + removed).status()).isEqualTo(404);
    }

    @Test
    void failedDeliveriesAreRetriedWithBackOff() throws Exception {
        String room = sim.mailboxes().get(0);
        create(room, "/graph/n5", "/graph/l5", Duration.ofDays(1));
        receiver.answer(PushReceiver.Answer.graph(503));
        sim.bookings().create(room, BookingSpec.random());
        await().atMost(Duration.ofSeconds(10)).until(() -> posts("/graph/n5") == 1);
        receiver.answer(PushReceiver.Answer.graph(202));
        sim.advance(Duration.ofSeconds(59));
        assertThat(posts("/graph/n5")).isEqualTo(1);
        sim.advance(Duration.ofSeconds(1));
        assertThat(posts("/graph/n5")).isEqualTo(2);
        assertThat(sim.stats().count("graph.notifications.retries")).isGreaterThanOrEqualTo(1);
    }

    /** Lifecycle events received on {@code path}; one POST may batch several. */
    private static List<String> lifecycleEvents(String path) {
        return receiver.received(path).stream().filter(r -> r.validationToken() == null)
                .flatMap(r -> GraphClient.JSON.readTree(r.body()).path("value").valueStream())
                .map(v -> v.path("lifecycleEvent").asString()).toList();
    }

    private static long posts(String path) {
        return receiver.received(path).stream().filter(r -> r.validationToken() == null).count();
    }

    @Test
    void tokensAreRequiredAndThrottlingAnswers429WithRetryAfter() throws Exception {
        GraphClient.Answer badSecret = graph.tokenRequest("grant_type=client_credentials&client_id=" + sim.clientId()
                + "&client_secret=wrong&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default");
        assertThat(badSecret.status()).isEqualTo(401);
        assertThat(badSecret.json().path("error").asString()).isEqualTo("invalid_client");
        String scope = "&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default";
        assertThat(graph.tokenRequest("grant_type=password&client_id=" + sim.clientId() + scope).json()
                .path("error").asString()).isEqualTo("unsupported_grant_type");
        assertThat(graph.tokenRequest("grant_type=client_credentials&client_id=other&client_secret=x" + scope).json()
                .path("error").asString()).isEqualTo("unauthorized_client");
        assertThat(graph.tokenRequest("grant_type=client_credentials&client_id=" + sim.clientId() + "&client_secret="
                + sim.clientSecret() + "&scope=Calendars.Read").json().path("error").asString()).isEqualTo("invalid_scope");

        var http = java.net.http.HttpClient.newHttpClient();
        var otherTenant = http.send(java.net.http.HttpRequest.newBuilder(sim.baseUrl().resolve(
                        "/other-tenant/oauth2/v2.0/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(otherTenant.statusCode()).isEqualTo(400);
        assertThat(otherTenant.body()).contains("AADSTS90002");
        var noToken = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(sim.graphBaseUrl() + "/subscriptions")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(noToken.body()).contains("InvalidAuthenticationToken");

        sim.faults().update(new rxpush.simulators.exchange.control.Faults.State(null, null, 1.0,
                Duration.ofSeconds(7), null, null));
        try {
            GraphClient.Answer throttled = graph.get("/subscriptions");
            assertThat(throttled.status()).isEqualTo(429);
            assertThat(throttled.raw().headers().firstValue("Retry-After")).contains("7");
        } finally {
            sim.faults().update(new rxpush.simulators.exchange.control.Faults.State(null, null, 0.0, null, null, null));
        }
        assertThat(graph.get("/subscriptions").status()).isEqualTo(200);

        String stale = graph.token();
        sim.advance(Duration.ofHours(1));
        var expired = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(sim.graphBaseUrl() + "/subscriptions")).header("Authorization", "Bearer " + stale)
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.body()).contains("expired");
    }
}
