package rxpush.forwarder;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;

/**
 * Kafka client settings of the forwarder, on top of what {@code spring.kafka.*} says (bootstrap
 * servers, security). Shared by the live loop and by replay/redrive, so they behave alike.
 */
public final class KafkaClients {

    static final int FETCH_MIN_BYTES = 64 * 1024;
    static final int FETCH_MAX_WAIT_MS = 100;

    private final Map<String, Object> consumerBase;
    private final Map<String, Object> producerBase;
    // Kafka's own client metrics (kafka_consumer_*, kafka_producer_*) of the live service's clients,
    // bound with Spring Kafka's binders by client id; the command-line tools leave them unbound.
    private volatile MicrometerConsumerListener<String, byte[]> consumerMeters;
    private volatile MicrometerProducerListener<String, byte[]> producerMeters;

    /**
     * @param consumerBase {@code KafkaProperties.buildConsumerProperties()} or the equivalent
     * @param producerBase {@code KafkaProperties.buildProducerProperties()} or the equivalent
     */
    public KafkaClients(Map<String, Object> consumerBase, Map<String, Object> producerBase) {
        this.consumerBase = Map.copyOf(consumerBase);
        this.producerBase = Map.copyOf(producerBase);
    }

    /** Binds the client metrics of every group consumer and producer made from now on. */
    public KafkaClients metered(io.micrometer.core.instrument.MeterRegistry registry) {
        this.consumerMeters = new MicrometerConsumerListener<>(registry);
        this.producerMeters = new MicrometerProducerListener<>(registry);
        return this;
    }

    /** Just a bootstrap address: for the command-line tools. */
    public static KafkaClients bootstrap(String servers) {
        return new KafkaClients(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers),
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers));
    }

    /**
     * A group member that commits by hand. With the classic protocol (the default) it uses cooperative
     * sticky assignment and a 10 s session, so a dead instance's partitions move within seconds; with
     * {@code group.protocol=consumer} (KIP-848) the broker owns both settings and they are left out.
     */
    public KafkaConsumer<String, byte[]> groupConsumer(String groupId, String clientId) {
        Map<String, Object> props = new HashMap<>(consumerBase);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // While ingress is busy, a fetch per produced batch (fetch.min.bytes=1) costs the broker and this
        // consumer more than the records themselves: wait for 64 KB or 100 ms instead. The 100 ms are
        // nothing next to the debounce (2 s); spring.kafka.consumer.fetch-min-size/fetch-max-wait win.
        props.putIfAbsent(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, FETCH_MIN_BYTES);
        props.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS);
        boolean kip848 = "consumer".equalsIgnoreCase(String.valueOf(props.get(ConsumerConfig.GROUP_PROTOCOL_CONFIG)));
        if (!kip848) {
            props.putIfAbsent(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
            // A dead forwarder's partitions must move within 10 s (system test 2a): 6 s is the brokers'
            // default minimum session timeout, and three heartbeats fit in it.
            props.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000);
            props.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
        }
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer());
        MicrometerConsumerListener<String, byte[]> meters = consumerMeters;
        if (meters != null) {
            meters.consumerAdded(clientId, consumer);
        }
        return consumer;
    }

    /** A consumer without a group, for reading partitions by assignment (forwarded versions, tools). */
    public KafkaConsumer<String, byte[]> plainConsumer() {
        Map<String, Object> props = new HashMap<>(consumerBase);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_PROTOCOL_CONFIG);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Idempotent, acks=all: a forwarded version or a dead letter is durable before an offset moves. */
    public KafkaProducer<String, byte[]> producer(String clientId) {
        Map<String, Object> props = new HashMap<>(producerBase);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer());
        MicrometerProducerListener<String, byte[]> meters = producerMeters;
        if (meters != null) {
            meters.producerAdded(clientId, producer);
        }
        return producer;
    }
}
