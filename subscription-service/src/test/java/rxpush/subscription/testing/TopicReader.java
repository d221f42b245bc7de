package rxpush.subscription.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import rxpush.common.kafka.ContractDeserializer;
import rxpush.testsupport.KafkaTestBroker;

/** Reads a whole topic as a committed (read_committed) reader sees it, for assertions. */
public final class TopicReader {

    private TopicReader() {
    }

    /** Every committed record's key and value, in offset order per partition. */
    public static List<ConsumerRecord<byte[], byte[]>> records(KafkaTestBroker broker, String topic) {
        Map<String, Object> props = broker.consumerProperties(KafkaTestBroker.unique("reader"));
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 20_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))
                    && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    /** The compacted view: latest value per key (tombstones remove). */
    public static <T> Map<String, T> latest(KafkaTestBroker broker, String topic, Class<T> type) {
        ContractDeserializer<T> reader = new ContractDeserializer<>(type);
        Map<String, T> out = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records(broker, topic)) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            if (r.value() == null) {
                out.remove(key);
            } else {
                out.put(key, reader.deserialize(topic, r.value()));
            }
        }
        return out;
    }

    /** Every value of a stream topic. */
    public static <T> List<T> values(KafkaTestBroker broker, String topic, Class<T> type) {
        ContractDeserializer<T> reader = new ContractDeserializer<>(type);
        return records(broker, topic).stream().filter(r -> r.value() != null)
                .map(r -> reader.deserialize(topic, r.value())).toList();
    }
}
