package rxpush.ingress.testing;

import org.awaitility.Awaitility;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import rxpush.common.kafka.ContractDeserializer;

/**
 * Reads what arrives on one topic after the probe was created (all partitions, no group), so a test
 * sees exactly the records its requests produced. Tests filter by their unique mailbox key.
 */
public final class TopicProbe<T> implements AutoCloseable {

    /** One record as read back: key, value, headers (UTF-8). */
    public record Received<T>(String key, T value, Map<String, String> headers, int partition) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final ContractDeserializer<T> reader;
    private final List<TopicPartition> partitions;
    private final Map<TopicPartition, Long> startOffsets;
    private final List<Received<T>> received = new ArrayList<>();

    public TopicProbe(String bootstrapServers, String topic, Class<T> type) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.reader = new ContractDeserializer<>(type);
        this.partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        this.startOffsets = consumer.endOffsets(partitions);
    }

    /** Everything read so far whose key is {@code key}, after one more poll. */
    public List<Received<T>> poll(String key) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            Map<String, String> headers = new HashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
            received.add(new Received<>(record.key(), reader.deserialize(record.topic(), record.value()), headers,
                    record.partition()));
        }
        return received.stream().filter(r -> key.equals(r.key())).toList();
    }

    /** Waits until at least {@code count} records with this key arrived; returns them all. */
    public List<Received<T>> await(String key, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> poll(key).size() >= count);
        return poll(key);
    }

    /** How many records the topic gained (any key) since the probe was created. */
    public long growth() {
        Map<TopicPartition, Long> now = consumer.endOffsets(partitions);
        return partitions.stream().mapToLong(p -> now.get(p) - startOffsets.get(p)).sum();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
