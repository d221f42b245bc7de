package rxpush.ingress.ews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.ChangeType;
import rxpush.common.contract.SchemaVersions;
import rxpush.common.contract.SecretHash;
import rxpush.common.contract.Source;
import rxpush.common.kafka.ContractSerializer;
import rxpush.common.kafka.Topics;
import rxpush.ingress.registry.SubscriptionRegistry;
import rxpush.ingress.testing.EwsPush;
import rxpush.ingress.testing.Http;
import rxpush.ingress.testing.IngressTest;
import rxpush.ingress.testing.TestSubscriptions;
import rxpush.ingress.testing.TopicProbe;
import rxpush.testsupport.KafkaTestBroker;

/** MISSED records: from this instance's own pushes and from other instances' heartbeats. */
@IngressTest
class WatermarkGapIT {

    @LocalServerPort
    int port;
    @Autowired
    SubscriptionRegistry registry;
    @Autowired
    WatermarkTracker tracker;

    private Http http;
    private TestSubscriptions subscriptions;
    private TopicProbe<ChangeNotification> signals;
    private String mailbox;
    private String token;
    private String subscriptionId;

    @BeforeEach
    void setUp(KafkaTestBroker broker) {
        http = new Http(port);
        subscriptions = new TestSubscriptions(broker.bootstrapServers(), registry);
        signals = new TopicProbe<>(broker.bootstrapServers(), Topics.SIGNALS, ChangeNotification.class);
        mailbox = TestSubscriptions.mailbox();
        token = SecretHash.newSecret();
        subscriptionId = KafkaTestBroker.unique("ews");
        subscriptions.ews(mailbox, token, subscriptionId);
    }

    @AfterEach
    void tearDown() {
        subscriptions.close();
        signals.close();
    }

    @Test
    void gapInThisInstancesPushesGivesOneMissed() {
        push("W0", "W1");
        push("W1", "W2");
        push("W7", "W8");   // W2..W7 never arrived
        push("W1", "W2");   // Exchange retrying an earlier push: not a gap

        List<ChangeType> types = signals.await(mailbox, 5).stream().map(r -> r.value().changeType()).toList();
        assertThat(types).containsExactly(ChangeType.STATUS, ChangeType.STATUS, ChangeType.MISSED, ChangeType.STATUS,
                ChangeType.STATUS);
        ChangeNotification missed = signals.poll(mailbox).get(2).value();
        assertThat(missed.previousWatermark()).isEqualTo("W7");
        assertThat(missed.watermark()).isEqualTo("W8");
        assertThat(missed.subscriptionId()).isEqualTo(subscriptionId);
    }

    @Test
    void heartbeatOfAnotherInstanceCounts(KafkaTestBroker broker) throws Exception {
        // Another ingress instance answered the push that ended with W5.
        try (KafkaProducer<String, Object> other = new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers()),
                new StringSerializer(), new ContractSerializer<>())) {
            other.send(new ProducerRecord<>(Topics.SIGNALS, mailbox, new ChangeNotification(SchemaVersions.CURRENT,
                    "other-instance", Source.EWS, mailbox, subscriptionId, ChangeType.STATUS, null, null, null, "W5", "W4",
                    null, Instant.now(), null))).get();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> "W5".equals(tracker.last(mailbox, subscriptionId)));

        push("W5", "W6");   // follows the other instance's push
        push("W9", "W10");  // does not

        List<ChangeType> types = signals.await(mailbox, 4).stream().map(r -> r.value().changeType()).toList();
        assertThat(types).containsExactly(ChangeType.STATUS, ChangeType.STATUS, ChangeType.MISSED, ChangeType.STATUS);
    }

    private void push(String previous, String watermark) {
        int status = http.post("/ews/notifications/" + token, "text/xml",
                EwsPush.of(subscriptionId, previous).item("ModifiedEvent", watermark, "item-1", "ck").bytes()).statusCode();
        assertThat(status).isEqualTo(200);
    }
}
