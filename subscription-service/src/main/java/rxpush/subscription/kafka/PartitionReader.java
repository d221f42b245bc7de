package rxpush.subscription.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rxpush.common.contract.SubscriptionState;
import rxpush.common.kafka.ContractDeserializer;

/**
 * Reads one partition of the compacted subscriptions topic to its end (read_committed), as a new
 * owner must before it acts: the previous owner's committed writes are all there once its open
 * transaction was aborted by our initTransactions.
 */
public final class PartitionReader {

    private static final Logger log = LoggerFactory.getLogger(PartitionReader.class);
    private static final ContractDeserializer<SubscriptionState> STATES = new ContractDeserializer<>(SubscriptionState.class);

    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private final Duration timeout;

    public PartitionReader(Supplier<Consumer<byte[], byte[]>> consumers, Duration timeout) {
        this.consumers = consumers;
        this.timeout = timeout;
    }

    /** The live (non-tombstoned) subscription records of the partition. */
    public Collection<SubscriptionState> subscriptions(String topic, int partition) {
        Map<String, SubscriptionState> byId = new LinkedHashMap<>();
        TopicPartition tp = new TopicPartition(topic, partition);
        try (Consumer<byte[], byte[]> consumer = consumers.get()) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp), timeout).get(tp);
            Instant deadline = Instant.now().plus(timeout.multipliedBy(4));
            while (consumer.position(tp, timeout) < end) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + tp + " to its end in time");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(byId, record);
                }
            }
        }
        return byId.values();
    }

    private static void apply(Map<String, SubscriptionState> byId, ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            return;
        }
        String id = new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null) {
            byId.remove(id);
            return;
        }
        try {
            byId.put(id, STATES.deserialize(record.topic(), record.value()));
        } catch (RuntimeException e) {
            // One unreadable record must not keep a partition unowned; it is named, never printed.
            log.error("Skipping unreadable subscription record {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }
}
