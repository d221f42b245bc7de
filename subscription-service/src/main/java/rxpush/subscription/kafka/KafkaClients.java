package rxpush.subscription.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import rxpush.subscription.SubscriptionSettings;

/**
 * Builds the service's Kafka clients from the shared {@code spring.kafka.*} settings (bootstrap
 * servers, security) plus what ownership needs. Values stay bytes: records are read and written with
 * the contracts' JSON so that one bad record is skipped with a clear error instead of stopping a loop.
 */
public final class KafkaClients {

    private final Map<String, Object> consumerBase;
    private final Map<String, Object> producerBase;
    private final Map<String, Object> adminBase;
    private final SubscriptionSettings settings;
    private final String clientId;
    // Kafka's own client metrics (kafka_consumer_*, kafka_producer_*) of the long-lived clients, bound
    // with Spring Kafka's binders; null until metered(). Short-lived readers are not bound.
    private volatile MicrometerConsumerListener<byte[], byte[]> consumerMeters;
    private volatile MicrometerProducerListener<byte[], byte[]> producerMeters;
    private volatile int adminPort;

    /**
     * @param clientId names this instance in the group (shown by kafka-consumer-groups --describe)
     */
    public KafkaClients(Map<String, Object> consumerBase, Map<String, Object> producerBase, Map<String, Object> adminBase,
            SubscriptionSettings settings, String clientId) {
        this.consumerBase = Map.copyOf(consumerBase);
        this.producerBase = Map.copyOf(producerBase);
        this.adminBase = Map.copyOf(adminBase);
        this.settings = settings;
        this.clientId = clientId;
    }

    /**
     * Names the admin port in this instance's client id in the ownership group ({@code ...-owner-admin<port>}),
     * so any instance finds every owner's admin API from the group's description (the status page
     * aggregates across instances that way). 0 leaves it out.
     */
    public KafkaClients advertiseAdminPort(int port) {
        this.adminPort = port;
        return this;
    }

    /** The client id of this instance's ownership-group member. */
    public String ownerClientId() {
        return clientId + "-owner" + (adminPort > 0 ? "-admin" + adminPort : "");
    }

    /** Binds the client metrics of the membership and signals consumers and the registry producer. */
    public KafkaClients metered(io.micrometer.core.instrument.MeterRegistry registry) {
        this.consumerMeters = new MicrometerConsumerListener<>(registry);
        this.producerMeters = new MicrometerProducerListener<>(registry);
        return this;
    }

    private KafkaConsumer<byte[], byte[]> metered(String id, KafkaConsumer<byte[], byte[]> consumer) {
        MicrometerConsumerListener<byte[], byte[]> meters = consumerMeters;
        if (meters != null) {
            meters.consumerAdded(id, consumer);
        }
        return consumer;
    }

    /** The group whose partition assignment of the mailbox topic decides ownership. */
    public String groupId() {
        return settings.groupId();
    }

    /** The group that holds the signal and lifecycle positions, committed inside the owners' transactions. */
    public String signalsGroupId() {
        return settings.groupId() + "-signals";
    }

    /** transactional.id of the writer bound to a partition: a new owner's initTransactions fences the old. */
    public String transactionalId(int partition) {
        return settings.groupId() + "-p" + partition;
    }

    /**
     * The membership consumer. Classic protocol with a short session timeout, because the KIP-848
     * protocol takes its session timeout from the broker (45 s minimum by default) and a killed owner
     * must be replaced within 15 s; cooperative-sticky so a rebalance only moves the partitions that
     * have to move.
     */
    public KafkaConsumer<byte[], byte[]> membershipConsumer() {
        Map<String, Object> props = consumer();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) settings.sessionTimeout().toMillis());
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) settings.heartbeatInterval().toMillis());
        // Taking over a partition loads its state inside the rebalance callback: allow for it.
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 300_000);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, ownerClientId());
        return metered("subscription-owner", new KafkaConsumer<>(props));
    }

    /** A consumer without group membership for reading whole partitions (state, registry). */
    public KafkaConsumer<byte[], byte[]> reader(String purpose) {
        Map<String, Object> props = consumer();
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-" + purpose);
        return new KafkaConsumer<>(props);
    }

    /** The consumer of signals, lifecycle and notifications; positions of the signals group. */
    public KafkaConsumer<byte[], byte[]> signalsConsumer() {
        Map<String, Object> props = consumer();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, signalsGroupId());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-signals");
        // It reads every notification ingress writes: while ingress is busy, one fetch per produced batch
        // (fetch.min.bytes=1) costs the broker and this consumer more than the records. Signals feed
        // watchdogs that count in seconds, so waiting up to 100 ms for 64 KB changes nothing for them.
        props.putIfAbsent(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024);
        props.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        return metered("subscription-signals", new KafkaConsumer<>(props));
    }

    /** The fenced writer of one partition (not yet initialized). */
    public KafkaProducer<byte[], byte[]> transactionalProducer(int partition) {
        Map<String, Object> props = producer();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(partition));
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 30_000);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-p" + partition);
        // One producer per owned partition: keep each one's buffer small.
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 4 * 1024 * 1024);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        return new KafkaProducer<>(props);
    }

    /** Writes of the mailbox registry (admin API, configured mailboxes): idempotent, acks=all. */
    public KafkaProducer<byte[], byte[]> registryProducer() {
        Map<String, Object> props = producer();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-registry");
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props);
        MicrometerProducerListener<byte[], byte[]> meters = producerMeters;
        if (meters != null) {
            meters.producerAdded("subscription-registry", producer);
        }
        return producer;
    }

    public Admin admin() {
        Map<String, Object> props = new HashMap<>(adminBase);
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId + "-admin");
        return Admin.create(props);
    }

    private Map<String, Object> consumer() {
        Map<String, Object> props = new HashMap<>(consumerBase);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // The registry is written in transactions: never read what an owner has not committed.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return props;
    }

    private Map<String, Object> producer() {
        Map<String, Object> props = new HashMap<>(producerBase);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return props;
    }
}
