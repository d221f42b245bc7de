package rxpush.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.ChangeType;
import rxpush.common.contract.LifecycleEvent;
import rxpush.common.contract.LifecycleNotification;
import rxpush.common.contract.SchemaVersions;
import rxpush.common.contract.SecretHash;
import rxpush.common.contract.SubscriptionState;
import rxpush.common.contract.SubscriptionStatus;
import rxpush.common.kafka.ContractJson;
import rxpush.subscription.engine.SubscriptionEngine;
import rxpush.subscription.kafka.TopicNames;
import rxpush.subscription.testing.GraphStub;
import rxpush.subscription.testing.TopicReader;
import rxpush.testsupport.KafkaBrokerExtension;
import rxpush.testsupport.KafkaTestBroker;
import rxpush.testsupport.WithKafka;

/**
 * The whole service on a real broker with a loopback Graph: configured and API-added mailboxes get
 * subscriptions, the registry topic holds PENDING then ACTIVE with only the clientState's hash, the
 * admin API lives on the management port only, lifecycle records are acted on, resync and removal work.
 */
@WithKafka
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.config.name=subscription",
    "rxpush.admin.token=it-admin-token",
    "server.port=0",
    "management.server.port=0",
    "rxpush.notification-url=https://push.contoso.test/rx",
    "rxpush.topics.partitions=3",
    "rxpush.graph.client-id=app-id",
    "rxpush.graph.client-secret=not-a-secret",
    "rxpush.graph.tenant-id=tenant",
    "rxpush.mailboxes[0].address=Config.Room@contoso.com",
    "rxpush.mailboxes[0].protocol=GRAPH",
})
class SubscriptionServiceIT {

    private static final String PREFIX = "svc-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private static final TopicNames TOPICS = new TopicNames(PREFIX);
    private static final GraphStub GRAPH = new GraphStub();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("rxpush.subscription.topic-prefix", () -> PREFIX);
        registry.add("rxpush.subscription.group-id", () -> KafkaTestBroker.unique("rxpush-subscription"));
        registry.add("rxpush.graph.base-url", GRAPH::baseUrl);
        registry.add("rxpush.graph.token-url", GRAPH::tokenUrl);
    }

    @AfterAll
    static void stopGraph() {
        GRAPH.close();
    }

    @LocalManagementPort
    int managementPort;

    @LocalServerPort
    int serverPort;

    @Autowired
    SubscriptionEngine engine;

    private HttpResponse<String> call(int port, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer it-admin-token");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static KafkaTestBroker broker() {
        return KafkaBrokerExtension.shared();
    }

    private static Map<String, SubscriptionState> registry() {
        return TopicReader.latest(broker(), TOPICS.subscriptions(), SubscriptionState.class);
    }

    private static SubscriptionState activeOf(String mailbox) {
        return registry().values().stream()
                .filter(s -> s.mailbox().equals(mailbox) && s.status() == SubscriptionStatus.ACTIVE)
                .findFirst().orElse(null);
    }

    @Test
    void configuredMailboxIsSubscribedWithOnlyTheClientStateHashOnTheTopic() {
        await().atMost(Duration.ofSeconds(60)).until(() -> activeOf("config.room@contoso.com") != null);
        SubscriptionState active = activeOf("config.room@contoso.com");
        GraphStub.Sub atGraph = GRAPH.subs.get(active.subscriptionId());

        assertThat(atGraph.resource()).isEqualTo("/users/config.room@contoso.com/events");
        // a secret token per subscription ends both URLs; only its hash is on the topic
        String token = atGraph.notificationUrl().substring("https://push.contoso.test/rx/graph/notifications/".length());
        assertThat(atGraph.notificationUrl()).startsWith("https://push.contoso.test/rx/graph/notifications/");
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(atGraph.lifecycleUrl()).isEqualTo("https://push.contoso.test/rx/graph/lifecycle/" + token);
        assertThat(SecretHash.matches(token, active.ingressTokenHash())).isTrue();
        assertThat(SecretHash.matches(atGraph.clientState(), active.clientStateHash())).isTrue();
        assertThat(active.ownerEpoch()).isPositive();
        var raw = TopicReader.records(broker(), TOPICS.subscriptions());
        assertThat(raw).allSatisfy(r -> assertThat(r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8))
                .doesNotContain(atGraph.clientState()).doesNotContain(token));
        assertThat(raw.stream().filter(r -> r.value() != null)
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)))
                .anySatisfy(v -> assertThat(v).contains("\"PENDING\"").contains(active.id()));
    }

    @Test
    void adminApiAddsAndShowsAMailboxOnTheManagementPortOnly() throws Exception {
        HttpResponse<String> created = call(managementPort, "POST", "/api/mailboxes",
                "{\"address\":\"Room.Api@contoso.com\",\"protocol\":\"GRAPH\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("room.api@contoso.com");

        assertThat(call(serverPort, "GET", "/api/mailboxes", null).statusCode())
                .as("nothing on the server port").isEqualTo(404);
        assertThat(call(managementPort, "GET", "/api/mailboxes", null).body()).contains("room.api@contoso.com");

        await().atMost(Duration.ofSeconds(60)).until(() -> activeOf("room.api@contoso.com") != null);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> status = call(managementPort, "GET", "/api/mailboxes/room.api@contoso.com/status", null);
            assertThat(status.statusCode()).isEqualTo(200);
            assertThat(status.body()).contains("\"state\":\"ACTIVE\"").contains("\"nextAction\":\"RENEW\"")
                    .contains(activeOf("room.api@contoso.com").subscriptionId());
        });
        // An item notification delivered by this subscription shows as its last notification.
        String subscriptionId = activeOf("room.api@contoso.com").subscriptionId();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Instant at = Instant.now();
            ChangeNotification item = new ChangeNotification(SchemaVersions.CURRENT, UUID.randomUUID().toString(),
                    rxpush.common.contract.Source.GRAPH, "room.api@contoso.com", subscriptionId, ChangeType.CREATED,
                    "item-1", null, null, null, null, at, at, null);
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(broker().producerProperties())) {
                producer.send(new ProducerRecord<>(TOPICS.notifications(), item.key().getBytes(StandardCharsets.UTF_8),
                        ContractJson.mapper().writeValueAsBytes(item))).get();
            }
            assertThat(call(managementPort, "GET", "/api/mailboxes/room.api@contoso.com/status", null).body())
                    .contains("\"lastNotificationAt\":\"");
        });
        HttpResponse<String> all = call(managementPort, "GET", "/api/status", null);
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body()).contains("room.api@contoso.com").contains("ownedPartitions");
    }

    @Test
    void badRequestsAreRefusedWithAClearMessage() throws Exception {
        HttpResponse<String> noEws = call(managementPort, "POST", "/api/mailboxes",
                "{\"address\":\"room.ews@contoso.com\",\"protocol\":\"EWS\"}");
        assertThat(noEws.statusCode()).isEqualTo(400);
        assertThat(noEws.body()).contains("rxpush.ews.url");

        HttpResponse<String> badAddress = call(managementPort, "POST", "/api/mailboxes",
                "{\"address\":\"not-an-address\",\"protocol\":\"GRAPH\"}");
        assertThat(badAddress.statusCode()).isEqualTo(400);
        assertThat(badAddress.body()).contains("e-mail address");

        assertThat(call(managementPort, "POST", "/api/mailboxes", "{\"address\":").statusCode()).isEqualTo(400);
        assertThat(call(managementPort, "DELETE", "/api/mailboxes/nobody@contoso.com", null).statusCode()).isEqualTo(404);
        assertThat(call(managementPort, "GET", "/api/mailboxes/nobody@contoso.com/status", null).statusCode()).isEqualTo(404);
    }

    @Test
    void subscriptionRemovedOnTheLifecycleTopicRecreatesAndResyncs() throws Exception {
        call(managementPort, "POST", "/api/mailboxes", "{\"address\":\"room.life@contoso.com\",\"protocol\":\"GRAPH\"}");
        await().atMost(Duration.ofSeconds(60)).until(() -> activeOf("room.life@contoso.com") != null);
        String first = activeOf("room.life@contoso.com").subscriptionId();
        GRAPH.subs.remove(first);

        LifecycleNotification removed = new LifecycleNotification(SchemaVersions.CURRENT, "life-" + UUID.randomUUID(),
                "room.life@contoso.com", first, LifecycleEvent.SUBSCRIPTION_REMOVED, null, Instant.now());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(broker().producerProperties())) {
            for (int i = 0; i < 2; i++) {
                producer.send(new ProducerRecord<>(TOPICS.lifecycle(), removed.key().getBytes(StandardCharsets.UTF_8),
                        ContractJson.mapper().writeValueAsBytes(removed))).get();
            }
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            SubscriptionState now = activeOf("room.life@contoso.com");
            return now != null && !now.subscriptionId().equals(first);
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(TopicReader.values(broker(), TOPICS.notifications(), ChangeNotification.class))
                        .filteredOn(n -> n.mailbox().equals("room.life@contoso.com") && !isBackfill(n))
                        .singleElement().satisfies(n -> assertThat(n.changeType()).isEqualTo(ChangeType.RESYNC)));
        assertThat(GRAPH.of("room.life@contoso.com")).hasSize(1);
    }

    @Test
    void resyncAndRemovalThroughTheAdminApi() throws Exception {
        call(managementPort, "POST", "/api/mailboxes", "{\"address\":\"room.gone@contoso.com\",\"protocol\":\"GRAPH\"}");
        await().atMost(Duration.ofSeconds(60)).until(() -> activeOf("room.gone@contoso.com") != null);
        SubscriptionState active = activeOf("room.gone@contoso.com");

        assertThat(call(managementPort, "POST", "/api/mailboxes/room.gone@contoso.com/resync", null).statusCode())
                .isEqualTo(202);
        assertThat(TopicReader.values(broker(), TOPICS.notifications(), ChangeNotification.class))
                .filteredOn(n -> n.mailbox().equals("room.gone@contoso.com") && !isBackfill(n))
                .singleElement().satisfies(n -> assertThat(n.reason()).contains("admin API"));

        assertThat(call(managementPort, "DELETE", "/api/mailboxes/room.gone@contoso.com", null).statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> GRAPH.of("room.gone@contoso.com").isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() ->
                registry().get(active.id()).status() == SubscriptionStatus.OBSOLETE);
        assertThat(call(managementPort, "GET", "/api/mailboxes/room.gone@contoso.com", null).statusCode()).isEqualTo(404);
    }

    @Test
    void healthIsUpOnceTheInstanceOwnsItsPartitions() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> health = call(managementPort, "GET", "/actuator/health", null);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"").contains("ownedPartitions");
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(engine.ownedPartitions()).containsExactly(0, 1, 2));
    }

    @Test
    void metricsPageHasEveryListedSubscriptionMetric() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String page = call(managementPort, "GET", "/actuator/prometheus", null).body();
            // Kept for whoever extends the dashboard: the names this service really registers.
            java.nio.file.Files.writeString(java.nio.file.Path.of("target/prometheus-subscription.txt"), page);
            assertThat(rxpush.testsupport.MetricNames.missing("subscription", page)).isEmpty();
            // No mailbox ever becomes a label.
            assertThat(page).doesNotContain("contoso.com");
        });
    }

    @Test
    void statusPageAndItsDataAreServedReadOnlyOnTheManagementPort() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                call(managementPort, "GET", "/api/mailbox-status?state=ACTIVE&protocol=GRAPH&q=config.room", null).body())
                .contains("\"address\":\"config.room@contoso.com\"").contains("\"state\":\"ACTIVE\"")
                .contains("\"total\":1").contains("\"complete\":true"));
        assertThat(call(managementPort, "GET", "/api/mailbox-status?state=LAPSED", null).body()).contains("\"total\":0");
        assertThat(call(managementPort, "GET", "/api/mailbox-status/Config.Room@contoso.com", null).body())
                .contains("\"protocol\":\"GRAPH\"").contains("\"owner\":\"rxpush-subscription-");
        assertThat(call(managementPort, "GET", "/api/mailbox-status?state=SLEEPY", null).statusCode()).isEqualTo(400);
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/status"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as("the page shell needs no token").isEqualTo(200);
        assertThat(page.body()).contains("api/mailbox-status").contains("Authorization");
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                + "/api/mailbox-status/config.room@contoso.com/resync")).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).as("an action without the admin token").isEqualTo(401);
        HttpResponse<String> resync = call(managementPort, "POST", "/api/mailbox-status/config.room@contoso.com/resync", "{}");
        assertThat(resync.statusCode()).isEqualTo(202);
        assertThat(resync.body()).contains("\"resync\":\"requested\"");
        assertThat(call(serverPort, "GET", "/status", null).statusCode()).as("not on the other port").isEqualTo(404);
    }

    /** Every newly subscribed mailbox gets one (tested in the engine); these tests are about the others. */
    private static boolean isBackfill(ChangeNotification n) {
        return n.reason() != null && n.reason().startsWith("backfill:");
    }
}
