package rxpush.forwarder.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.kafka.ContractSerializer;
import rxpush.common.kafka.Topics;
import rxpush.forwarder.ForwarderSettings;
import rxpush.forwarder.KafkaClients;
import rxpush.forwarder.exchange.BookingSource;
import rxpush.forwarder.pipeline.BatchProcessor;
import rxpush.forwarder.pipeline.BookingSources;
import rxpush.forwarder.pipeline.DeadLetters;
import rxpush.forwarder.pipeline.ForwarderLoop;
import rxpush.forwarder.pipeline.ForwarderMetrics;
import rxpush.forwarder.pipeline.ForwarderStatus;
import rxpush.forwarder.pipeline.Forwarding;
import rxpush.forwarder.pipeline.RegisteredMailboxes;
import rxpush.forwarder.pipeline.VersionStore;
import rxpush.forwarder.rx.RxClient;
import rxpush.testsupport.KafkaTestBroker;

/**
 * Forwarder instances on a real broker with topics of their own, built the way the application wires
 * them, so a test can start one or two, feed notifications, stop and restart them.
 */
public final class Harness implements AutoCloseable {

    public static final int PARTITIONS = 3;

    public final KafkaTestBroker kafka;
    public final ForwarderSettings settings;
    public final KafkaClients clients;
    public final String notifications;
    public final String deadLetters;
    public final String versions;
    /** The mailbox registry: {@link #send} registers the mailboxes it sends for. */
    public final String mailboxes;
    private final java.util.Set<String> registered = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final URI tenantUrl;
    private final String apiKey;
    private final List<BookingSource> sources;
    private final Clock clock;
    private final KafkaProducer<String, ChangeNotification> producer;
    private final KafkaProducer<String, Object> registrations;
    private final List<Instance> instances = new ArrayList<>();

    public Harness(KafkaTestBroker kafka, URI tenantUrl, String apiKey, List<BookingSource> sources, ForwarderSettings settings,
            Clock clock) {
        this(kafka, tenantUrl, apiKey, sources, settings, clock, PARTITIONS);
    }

    public Harness(KafkaTestBroker kafka, URI tenantUrl, String apiKey, List<BookingSource> sources, ForwarderSettings settings,
            Clock clock, int partitions) {
        // A short poll interval: a consumer that stopped polling while it waits (instead of pausing)
        // would be thrown out of the group within the tests' time.
        this(kafka, tenantUrl, apiKey, sources, settings, clock, partitions, Map.of("max.poll.interval.ms", 4000));
    }

    /** @param consumerOverrides consumer settings on top of the bootstrap address ({@code Map.of()}: production's) */
    public Harness(KafkaTestBroker kafka, URI tenantUrl, String apiKey, List<BookingSource> sources, ForwarderSettings settings,
            Clock clock, int partitions, Map<String, Object> consumerOverrides) {
        this.kafka = kafka;
        this.settings = settings;
        this.tenantUrl = tenantUrl;
        this.apiKey = apiKey;
        this.sources = sources;
        this.clock = clock;
        Map<String, Object> consumer = new HashMap<>(consumerOverrides);
        consumer.put("bootstrap.servers", kafka.bootstrapServers());
        this.clients = new KafkaClients(consumer, Map.of("bootstrap.servers", kafka.bootstrapServers()));
        this.notifications = settings.topic(Topics.NOTIFICATIONS);
        this.deadLetters = settings.topic(Topics.FORWARDER_DLT);
        this.versions = settings.topic(Topics.FORWARDED_VERSIONS);
        this.mailboxes = settings.topic(Topics.MAILBOXES);
        kafka.createTopics(partitions, notifications, deadLetters, versions, mailboxes);
        this.producer = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(), new ContractSerializer<>());
        this.registrations = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(), new ContractSerializer<>());
    }

    /** Settings for tests: short debounce and back-off, everything else as in production. */
    public static ForwarderSettings settings(Duration debounce, Duration retryInitial, Duration retryCap) {
        ForwarderSettings d = ForwarderSettings.defaults();
        return new ForwarderSettings(KafkaTestBroker.unique("group"), KafkaTestBroker.unique("t") + ".", debounce,
                d.resyncBack(), d.resyncAhead(), d.mailboxConcurrency(), d.concurrency(), d.maxBatch(), d.maxBuffered(),
                Duration.ofSeconds(1), Duration.ofSeconds(2), d.exchangeTimeout(), retryInitial, retryCap,
                Duration.ofSeconds(5), true);
    }

    /** One running forwarder with its own meters and status. */
    public final class Instance implements AutoCloseable {
        public final ForwarderMetrics metrics = new ForwarderMetrics(new SimpleMeterRegistry());
        public final ForwarderStatus status = new ForwarderStatus();
        public final Forwarding forwarding;
        private final KafkaProducer<String, byte[]> ownProducer = clients.producer("test-forwarder");
        private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
        private final ForwarderLoop loop;
        private final Thread thread;
        private boolean closed;

        Instance() {
            RxClient rx = new RxClient(tenantUrl, apiKey, HttpClient.newBuilder()
                    .connectTimeout(settings.rxConnectTimeout()).build(), settings.rxTimeout(), clock);
            forwarding = new Forwarding(new BookingSources(sources), rx,
                    new VersionStore(versions, ownProducer, clients::plainConsumer),
                    new DeadLetters(deadLetters, ownProducer, clock), metrics, clock, settings,
                    new RegisteredMailboxes(mailboxes, clients::plainConsumer, clock));
            loop = new ForwarderLoop(clients.groupConsumer(settings.groupId(), KafkaTestBroker.unique("client")),
                    notifications, forwarding, new BatchProcessor(forwarding, workers), workers, status);
            thread = Thread.ofPlatform().name("test-forwarder-loop-" + instances.size()).start(loop);
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            loop.stop();
            try {
                thread.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            workers.close();
            ownProducer.close();
        }
    }

    public Instance start() {
        Instance instance = new Instance();
        instances.add(instance);
        return instance;
    }

    /** A pipeline for replay: same RX, Exchange and topics, meters of its own. */
    public Forwarding forwarding(KafkaProducer<String, byte[]> producer) {
        RxClient rx = new RxClient(tenantUrl, apiKey, HttpClient.newHttpClient(), settings.rxTimeout(), clock);
        return new Forwarding(new BookingSources(sources), rx, new VersionStore(versions, producer, clients::plainConsumer),
                new DeadLetters(deadLetters, producer, clock), new ForwarderMetrics(new SimpleMeterRegistry()), clock,
                settings, new RegisteredMailboxes(mailboxes, clients::plainConsumer, clock));
    }

    /** Sends notifications, registering their mailboxes first (as the subscription service would have). */
    public void send(ChangeNotification... sent) {
        for (ChangeNotification n : sent) {
            register(n.mailbox(), n.source() == rxpush.common.contract.Source.GRAPH
                    ? rxpush.common.contract.Protocol.GRAPH : rxpush.common.contract.Protocol.EWS);
        }
        sendUnregistered(sent);
    }

    /** Sends notifications as they are, whether their mailboxes are registered or not. */
    public void sendUnregistered(ChangeNotification... sent) {
        for (ChangeNotification n : sent) {
            producer.send(new ProducerRecord<>(notifications, n.key(), n));
        }
        producer.flush();
    }

    /** Writes the mailbox's registration to the registry topic, once. */
    public void register(String mailbox, rxpush.common.contract.Protocol protocol) {
        String address = mailbox.toLowerCase(java.util.Locale.ROOT);
        if (registered.add(address)) {
            try {
                registrations.send(new ProducerRecord<>(mailboxes, address, new rxpush.common.contract.MailboxRegistration(
                        rxpush.common.contract.SchemaVersions.CURRENT, address, protocol, true, clock.instant()))).get();
            } catch (Exception e) {
                throw new IllegalStateException("cannot register " + address, e);
            }
        }
    }

    public void sendRaw(String key, byte[] value) {
        try (KafkaProducer<String, byte[]> raw = clients.producer("test-raw")) {
            raw.send(new ProducerRecord<>(notifications, key, value));
        }
    }

    /** Every record on a topic so far. */
    public List<ConsumerRecord<String, byte[]>> read(String topic) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = clients.plainConsumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** The group's committed offsets, summed over partitions. */
    public long committed() {
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(
                    Map.of(settings.groupId(), new ListConsumerGroupOffsetsSpec())).partitionsToOffsetAndMetadata().get();
            return offsets.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        instances.forEach(Instance::close);
        producer.close();
        registrations.close();
    }
}
