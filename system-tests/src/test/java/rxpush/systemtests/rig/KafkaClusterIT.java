package rxpush.systemtests.rig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rig's Kafka cluster on its own: three KRaft nodes as OS processes, a partition replicated
 * three times with min.insync.replicas 2 survives SIGKILL of its leader without losing an
 * acknowledged record, and the killed broker rejoins the in-sync replicas.
 */
class KafkaClusterIT {

    private static LocalStack stack;

    @BeforeAll
    static void startCluster() {
        StackSpec spec = StackSpec.defaults(RigClasspath.moduleDir().resolve("target/rig-runs/kafka-cluster"),
                RigClasspath.of(RigClasspath.moduleDir())).withCounts(3, 0, 0, 0).withSimulators(false)
                .withFreePortBase();
        stack = LocalStack.start(spec);
    }

    @AfterAll
    static void stopCluster() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void threeBrokersRunAsSeparateProcesses() {
        List<LocalStack.InstanceStatus> status = stack.status();
        assertThat(status).hasSize(3).allSatisfy(broker -> {
            assertThat(broker.running()).isTrue();
            assertThat(broker.ready()).isTrue();
            assertThat(broker.rss()).isPositive();
        });
        assertThat(status).extracting(LocalStack.InstanceStatus::pid).doesNotHaveDuplicates()
                .doesNotContain(ProcessHandle.current().pid());
        try (KafkaProbe probe = stack.probe()) {
            assertThat(probe.liveBrokers()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void killingThePartitionLeaderLosesNoAcknowledgedRecord() throws Exception {
        String topic = "rig-failover-" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaProbe probe = stack.probe()) {
            KafkaProbe.get(probe.admin().createTopics(List.of(new NewTopic(topic, 3, (short) 3)
                    .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2")))).all());
            await().atMost(Duration.ofSeconds(30)).until(() -> probe.inSyncReplicas(topic, 0).size() == 3);
            assertThat(minInsync(probe, topic)).isEqualTo("2");

            List<String> sent = new ArrayList<>(produce(topic, "before", 200));
            int oldLeader = probe.leader(topic, 0);
            String killed = stack.killLeader(topic, 0);
            assertThat(killed).isEqualTo("broker-" + oldLeader);
            assertThat(stack.isRunning(killed)).isFalse();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(probe.leader(topic, 0)).isPositive().isNotEqualTo(oldLeader);
                assertThat(probe.inSyncReplicas(topic, 0)).hasSize(2).doesNotContain(oldLeader);
            });
            // Two in-sync replicas still satisfy min.insync.replicas=2: acks=all writes go on.
            sent.addAll(produce(topic, "after", 200));
            assertThat(consumeAll(topic, sent.size())).containsExactlyElementsOf(sent);

            stack.start(killed);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> probe.inSyncReplicas(topic, 0).equals(List.of(1, 2, 3)));
        }
    }

    private static String minInsync(KafkaProbe probe, String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = KafkaProbe.get(probe.admin().describeConfigs(List.of(resource)).all()).get(resource);
        return config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value();
    }

    private static List<String> produce(String topic, String prefix, int count) throws Exception {
        List<String> values = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                String value = prefix + "-" + i;
                // Synchronous: a value counts as sent only once the cluster acknowledged it.
                producer.send(new ProducerRecord<>(topic, 0, "key", value)).get();
                values.add(value);
            }
        }
        return values;
    }

    private static List<String> consumeAll(String topic, int expected) {
        TopicPartition partition = new TopicPartition(topic, 0);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(new String(record.value().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
                }
                return values.size() >= expected;
            });
        }
        return values;
    }
}
