package rxpush.ingress.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.ChangeType;
import rxpush.common.contract.SecretHash;
import rxpush.common.contract.SubscriptionStatus;
import rxpush.common.kafka.ContractDeserializer;
import rxpush.common.kafka.TopicDeclarations;
import rxpush.common.kafka.TopicSettings;
import rxpush.common.kafka.Topics;
import rxpush.ingress.IngressApplication;
import rxpush.ingress.registry.SubscriptionRegistry;
import rxpush.ingress.testing.EwsPush;
import rxpush.ingress.testing.Http;
import rxpush.testsupport.KafkaProcessBroker;
import rxpush.ingress.testing.TestSubscriptions;

/**
 * Kafka unavailable: at start-up (registry loading: 503, readiness DOWN, liveness UP) and while
 * serving (the broker process stopped: every answer is a 5xx, never OK or 202). After the broker
 * is back on the same address, the retried notifications are accepted and every notification
 * ever accepted is on Kafka. Runs its own broker in a child process (the shared test broker
 * cannot be stopped and restarted).
 */
class BrokerOutageIT {

    private static final String XML = "text/xml";
    private static final String JSON = "application/json";

    @TempDir
    static Path dir;
    private static KafkaProcessBroker broker;
    private static ConfigurableApplicationContext ingress;
    private static Http http;
    private static Http management;

    @BeforeAll
    static void startIngressWhileKafkaIsDown() {
        broker = KafkaProcessBroker.format(dir.resolve("kafka"), "256m");
        // Command-line arguments: they override ingress.properties, as they would in production.
        ingress = IngressApplication.builder().run(
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--server.port=0",
                "--management.server.port=0",
                "--rxpush.ingress.kafka-ack-timeout=1s",
                "--rxpush.topics.partitions=3",
                // KafkaAdmin tries to declare the topics at start-up: do not wait 30 s for it.
                "--spring.kafka.admin.operation-timeout=2s",
                "--spring.kafka.admin.close-timeout=1s");
        http = new Http(((WebServerApplicationContext) ingress).getWebServer().getPort());
        management = new Http(Integer.parseInt(ingress.getEnvironment().getProperty("local.management.port")));
    }

    @AfterAll
    static void stop() {
        if (ingress != null) {
            ingress.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void fiveHundredsWhileKafkaIsAwayAndNothingLostAfter() throws Exception {
        String mailbox = TestSubscriptions.mailbox();
        String token = SecretHash.newSecret();
        String graphSubscription = "graph-outage";

        // 1. Kafka has never been reachable: the registry cannot load.
        assertThat(ews(token, "W0", "W1", "item-1")).isEqualTo(503);
        assertThat(graph(graphSubscription, "g-1")).isEqualTo(503);
        assertThat(management.get("/actuator/health/readiness").statusCode()).isEqualTo(503);
        assertThat(http.get("/livez").statusCode()).isEqualTo(200);
        assertThat(http.post("/graph/notifications?validationToken=abc", "text/plain", new byte[0]).body()).isEqualTo("abc");

        // 2. Kafka comes up; the topics are declared (by whichever service starts next) and the
        //    subscription service registers the subscriptions.
        broker.start();
        declareTopics();
        SubscriptionRegistry registry = ingress.getBean(SubscriptionRegistry.class);
        try (TestSubscriptions subscriptions = new TestSubscriptions(broker.bootstrapServers(), registry)) {
            subscriptions.ews(mailbox, token, "ews-outage");
            subscriptions.graph(mailbox, graphSubscription, "outage-secret", SubscriptionStatus.ACTIVE);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> management.get("/actuator/health/readiness").statusCode() == 200);
        assertThat(ews(token, "W0", "W1", "item-1")).isEqualTo(200);
        assertThat(graph(graphSubscription, "g-1")).isEqualTo(202);

        // 3. The broker stops: never OK/202, always a 5xx the sender retries.
        broker.stop();
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThat(ews(token, "W1", "W2", "item-2")).isEqualTo(503);
            assertThat(graph(graphSubscription, "g-2")).isEqualTo(503);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> management.get("/actuator/health/readiness").statusCode() == 503);

        // 4. The broker is back on the same address with its data: the senders' retries succeed.
        broker.start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> ews(token, "W1", "W2", "item-2") == 200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> graph(graphSubscription, "g-2") == 202);

        // 5. Every accepted notification is on Kafka (a refused one may be there too, as a duplicate).
        Map<String, Set<String>> items = new HashMap<>();
        Set<String> heartbeats = new HashSet<>();
        for (ChangeNotification n : readAll(Topics.NOTIFICATIONS)) {
            items.computeIfAbsent(n.source().name(), k -> new HashSet<>()).add(n.itemId());
        }
        for (ChangeNotification n : readAll(Topics.SIGNALS)) {
            assertThat(n.changeType()).as("a retry is not a gap").isEqualTo(ChangeType.STATUS);
            heartbeats.add(n.watermark());
        }
        assertThat(items.get("EWS")).containsExactlyInAnyOrder("item-1", "item-2");
        assertThat(items.get("GRAPH")).containsExactlyInAnyOrder("g-1", "g-2");
        assertThat(heartbeats).containsExactlyInAnyOrder("W1", "W2");
    }

    private static int ews(String token, String previous, String watermark, String item) {
        return http.post("/ews/notifications/" + token, XML,
                EwsPush.of("ews-outage", previous).item("ModifiedEvent", watermark, item, "ck").bytes()).statusCode();
    }

    private static int graph(String subscriptionId, String item) {
        String body = "{\"value\":[{\"subscriptionId\":\"" + subscriptionId + "\",\"clientState\":\"outage-secret\","
                + "\"changeType\":\"updated\",\"resource\":\"Users/u/Events/" + item + "\"}]}";
        return http.post("/graph/notifications", JSON, body.getBytes(StandardCharsets.UTF_8)).statusCode();
    }

    private static void declareTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(TopicDeclarations.topics(new TopicSettings(3, (short) 1, 1, Duration.ofDays(1), Duration.ofDays(1))))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    private static List<ChangeNotification> readAll(String topic) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        ContractDeserializer<ChangeNotification> reader = new ContractDeserializer<>(ChangeNotification.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ChangeNotification> all = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    all.add(reader.deserialize(topic, record.value()));
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
            return all;
        }
    }
}
