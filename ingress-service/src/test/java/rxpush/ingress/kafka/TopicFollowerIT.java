package rxpush.ingress.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import rxpush.testsupport.KafkaTestBroker;
import rxpush.testsupport.WithKafka;

/** The follower behind the registry and the watermark memory, on a topic of its own. */
@WithKafka
class TopicFollowerIT {

    @Test
    void readsFromTheBeginningAndSaysWhenCaughtUp(KafkaTestBroker broker) throws Exception {
        String topic = KafkaTestBroker.unique("follow");
        broker.createTopics(3, topic);
        write(broker, topic, Instant.now(), "a", "b", "c");
        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicInteger caughtUp = new AtomicInteger();
        TopicFollower follower = new TopicFollower(topic, base(broker), "test", TopicFollower.StartPosition.beginning(),
                r -> seen.add(new String(r.value(), StandardCharsets.UTF_8)), caughtUp::incrementAndGet);

        follower.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(follower::caughtUp);
            assertThat(seen).containsExactlyInAnyOrder("a", "b", "c");
            write(broker, topic, Instant.now(), "d");
            await().atMost(Duration.ofSeconds(20)).until(() -> seen.contains("d"));
            assertThat(caughtUp).hasValue(1);
        } finally {
            follower.stop();
        }
        assertThat(follower.isRunning()).isFalse();
    }

    @Test
    void startsTheLookbackBeforeNow(KafkaTestBroker broker) throws Exception {
        String topic = KafkaTestBroker.unique("follow");
        broker.createTopics(1, topic);
        Instant now = Instant.now();
        write(broker, topic, now.minus(Duration.ofHours(3)), "old");
        write(broker, topic, now.minus(Duration.ofMinutes(30)), "recent");
        List<String> seen = new CopyOnWriteArrayList<>();
        TopicFollower follower = new TopicFollower(topic, base(broker), "test",
                TopicFollower.StartPosition.since(Clock.fixed(now, ZoneOffset.UTC), Duration.ofHours(1)),
                r -> seen.add(new String(r.value(), StandardCharsets.UTF_8)), () -> { });

        follower.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(follower::caughtUp);
            write(broker, topic, now, "new");
            await().atMost(Duration.ofSeconds(20)).until(() -> seen.contains("new"));
            assertThat(seen).containsExactly("recent", "new");
        } finally {
            follower.stop();
        }
    }

    @Test
    void waitsForATopicThatDoesNotExistYet(KafkaTestBroker broker) throws Exception {
        String topic = KafkaTestBroker.unique("follow");
        List<String> seen = new CopyOnWriteArrayList<>();
        TopicFollower follower = new TopicFollower(topic, base(broker), "test", TopicFollower.StartPosition.beginning(),
                r -> seen.add(new String(r.value(), StandardCharsets.UTF_8)), () -> { });

        follower.start();
        try {
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> !follower.caughtUp());
            broker.createTopics(2, topic);
            write(broker, topic, Instant.now(), "first");
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.contains("first"));
        } finally {
            follower.stop();
        }
    }

    private static Map<String, Object> base(KafkaTestBroker broker) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "ignored-by-the-follower");
        return props;
    }

    private static void write(KafkaTestBroker broker, String topic, Instant timestamp, String... values) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(broker.producerProperties())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, null, timestamp.toEpochMilli(), null,
                        value.getBytes(StandardCharsets.UTF_8))).get();
            }
        }
    }
}
