package rxpush.ingress.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import rxpush.common.contract.SecretHash;
import rxpush.common.contract.SubscriptionState;
import rxpush.common.kafka.Topics;
import rxpush.ingress.testing.EwsPush;
import rxpush.ingress.testing.Http;
import rxpush.ingress.testing.IngressTest;
import rxpush.ingress.testing.TestSubscriptions;
import rxpush.testsupport.KafkaTestBroker;

/** The registry follows the subscriptions topic: new, changed, removed and unreadable records. */
@IngressTest
class RegistryIT {

    @LocalServerPort
    int port;
    @Autowired
    SubscriptionRegistry registry;
    @Autowired
    MeterRegistry meters;

    private Http http;
    private TestSubscriptions subscriptions;

    @BeforeEach
    void setUp(KafkaTestBroker broker) {
        http = new Http(port);
        subscriptions = new TestSubscriptions(broker.bootstrapServers(), registry);
    }

    @AfterEach
    void tearDown() {
        subscriptions.close();
    }

    @Test
    void tombstoneForgetsTheToken() {
        String token = SecretHash.newSecret();
        SubscriptionState state = subscriptions.ews(TestSubscriptions.mailbox(), token, "ews-1");
        assertThat(push(token, "ews-1")).isEqualTo(200);

        subscriptions.write(state.id(), null);

        await().atMost(Duration.ofSeconds(20)).until(() -> registry.forEwsToken(token).isEmpty());
        assertThat(push(token, "ews-1")).isEqualTo(404);
    }

    @Test
    void newTokenForTheSameSubscriptionReplacesTheOldOne() {
        String oldToken = SecretHash.newSecret();
        String newToken = SecretHash.newSecret();
        SubscriptionState state = subscriptions.ews(TestSubscriptions.mailbox(), oldToken, "ews-2");

        subscriptions.write(new SubscriptionState(state.schemaVersion(), state.id(), state.mailbox(), state.protocol(),
                state.subscriptionId(), state.status(), state.createdAt(), null, null, null, 2,
                SecretHash.hash(newToken), null, state.health(), null, null, null, Instant.now()));

        await().atMost(Duration.ofSeconds(20)).until(() -> registry.forEwsToken(newToken).isPresent());
        assertThat(registry.forEwsToken(oldToken)).isEmpty();
        assertThat(push(newToken, "ews-2")).isEqualTo(200);
        assertThat(push(oldToken, "ews-2")).isEqualTo(404);
    }

    @Test
    void unreadableRecordIsSkippedAndCounted(KafkaTestBroker broker) throws Exception {
        double before = invalidRecords();
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(broker.producerProperties())) {
            raw.send(new ProducerRecord<>(Topics.SUBSCRIPTIONS, KafkaTestBroker.unique("poison").getBytes(StandardCharsets.UTF_8),
                    "{not json".getBytes(StandardCharsets.UTF_8))).get();
            // Well-formed JSON that fails the contract's own checks (no mailbox, no protocol).
            raw.send(new ProducerRecord<>(Topics.SUBSCRIPTIONS, KafkaTestBroker.unique("poison").getBytes(StandardCharsets.UTF_8),
                    "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8))).get();
        }
        String token = SecretHash.newSecret();

        subscriptions.ews(TestSubscriptions.mailbox(), token, "ews-3");

        assertThat(push(token, "ews-3")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> invalidRecords() >= before + 2);
    }

    @Test
    void registryIsLoadedAndCountsSubscriptions() {
        subscriptions.ews(TestSubscriptions.mailbox(), SecretHash.newSecret(), "ews-4");

        assertThat(registry.loaded()).isTrue();
        assertThat(registry.size()).isPositive();
    }

    private double invalidRecords() {
        var counter = meters.find("rxpush.ingress.registry.invalid").counter();
        return counter == null ? 0 : counter.count();
    }

    private int push(String token, String subscriptionId) {
        return http.post("/ews/notifications/" + token, "text/xml",
                EwsPush.of(subscriptionId, "W0").status("W1").bytes()).statusCode();
    }
}
