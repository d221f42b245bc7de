package rxpush.standalone.doctor;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import rxpush.common.contract.SubscriptionState;
import rxpush.common.contract.SubscriptionStatus;
import rxpush.common.kafka.ContractDeserializer;
import rxpush.common.kafka.Topics;

/** Reads the compacted subscription registry from the beginning to its current end, without a group. */
public final class KafkaSubscriptionRegistryReader implements SubscriptionHealthCheck.SubscriptionRegistryReader {

    private final String bootstrapServers;
    private final String topic;
    private final Duration timeout;

    KafkaSubscriptionRegistryReader(String bootstrapServers, String topic, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.timeout = timeout;
    }

    public KafkaSubscriptionRegistryReader(String bootstrapServers, Duration timeout) {
        this(bootstrapServers, Topics.SUBSCRIPTIONS, timeout);
    }

    @Override
    public Map<String, SubscriptionState> activeByMailbox() {
        Map<String, SubscriptionState> byId = new HashMap<>();
        try (KafkaConsumer<String, SubscriptionState> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "rxpush-doctor-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()),
                new StringDeserializer(), new ContractDeserializer<>(SubscriptionState.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reached(consumer, end) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, SubscriptionState> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        byId.remove(record.key());
                    } else {
                        byId.put(record.key(), record.value());
                    }
                }
            }
            if (!reached(consumer, end)) {
                throw new IllegalStateException("the registry was not read to its end within " + timeout.toSeconds() + " s");
            }
        }
        Map<String, SubscriptionState> byMailbox = new HashMap<>();
        for (SubscriptionState state : byId.values()) {
            if (state.status() == SubscriptionStatus.OBSOLETE) {
                continue;
            }
            byMailbox.merge(state.mailbox(), state, (a, b) ->
                    a.status() == SubscriptionStatus.ACTIVE && b.status() != SubscriptionStatus.ACTIVE ? a
                            : b.status() == SubscriptionStatus.ACTIVE && a.status() != SubscriptionStatus.ACTIVE ? b
                            : a.updatedAt().isAfter(b.updatedAt()) ? a : b);
        }
        return byMailbox;
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
