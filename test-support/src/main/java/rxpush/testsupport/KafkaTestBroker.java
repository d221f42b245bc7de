package rxpush.testsupport;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** A running broker and the small conveniences tests need around it. */
public final class KafkaTestBroker {

    /** Which kind of broker this is, for logs and for tests that must know. */
    public enum Kind { EXTERNAL, TESTCONTAINERS, EMBEDDED }

    private final String bootstrapServers;
    private final Kind kind;

    KafkaTestBroker(String bootstrapServers, Kind kind) {
        this.bootstrapServers = bootstrapServers;
        this.kind = kind;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Kind kind() {
        return kind;
    }

    /** A topic (or group, or key) name no other test uses: {@code prefix-<random>}. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates the topics (idempotently) and waits until the broker has them. */
    public void createTopics(int partitions, String... names) {
        try (Admin admin = Admin.create(adminProperties())) {
            List<NewTopic> topics = java.util.Arrays.stream(names)
                    .map(name -> new NewTopic(name, partitions, (short) 1))
                    .toList();
            admin.createTopics(topics).values().forEach((name, future) -> {
                try {
                    future.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + name, e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                } catch (TimeoutException e) {
                    throw new IllegalStateException("topic " + name + " not created in 30 s", e);
                }
            });
        }
    }

    public Map<String, Object> adminProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(30).toMillis());
        return props;
    }

    /** Byte-array producer settings with acks=all and idempotence, as the services use. */
    public Map<String, Object> producerProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return props;
    }

    /** Byte-array consumer settings reading from the beginning, in a group of its own. */
    public Map<String, Object> consumerProperties(String group) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return props;
    }

    @Override
    public String toString() {
        return kind + " Kafka at " + bootstrapServers;
    }
}
