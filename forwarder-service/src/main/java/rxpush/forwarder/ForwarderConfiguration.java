package rxpush.forwarder;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import rxpush.common.exchange.EwsServiceFactory;
import rxpush.common.exchange.GraphHttp;
import rxpush.common.exchange.GraphTokenProvider;
import rxpush.common.kafka.TopicDeclarations;
import rxpush.common.kafka.Topics;
import rxpush.forwarder.exchange.BookingSource;
import rxpush.forwarder.exchange.EwsBookingSource;
import rxpush.forwarder.exchange.GraphBookingSource;
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

/** Wires the forwarder: Kafka clients, the RX client, the pipeline and its consumer loop. */
@Configuration(proxyBeanMethods = false)
class ForwarderConfiguration {

    /** Numbers the consumers of this JVM, so several forwarders in one JVM have distinct client ids. */
    private static final java.util.concurrent.atomic.AtomicInteger INSTANCES = new java.util.concurrent.atomic.AtomicInteger();

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ForwarderSettings forwarderSettings(ForwarderProperties properties) {
        return properties.forwarder();
    }

    @Bean
    KafkaClients kafkaClients(KafkaProperties kafka, MeterRegistry registry) {
        return new KafkaClients(kafka.buildConsumerProperties(), kafka.buildProducerProperties()).metered(registry);
    }

    /** Every rx-push topic, created with the shared settings if missing (names prefixed in tests). */
    @Bean
    KafkaAdmin.NewTopics rxpushTopics(ForwarderProperties properties) {
        String prefix = properties.forwarder().topicPrefix();
        List<NewTopic> topics = TopicDeclarations.topics(properties.topics()).stream()
                .map(t -> new NewTopic(prefix + t.name(), t.numPartitions(), t.replicationFactor()).configs(t.configs()))
                .toList();
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    @Bean(destroyMethod = "close")
    KafkaProducer<String, byte[]> forwarderProducer(KafkaClients clients) {
        return clients.producer("rxpush-forwarder-producer");
    }

    @Bean
    RxClient rxClient(ForwarderProperties properties, Clock clock) {
        ForwarderSettings settings = properties.forwarder();
        HttpClient http = HttpClient.newBuilder().connectTimeout(settings.rxConnectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        return new RxClient(properties.tenantUrl(), properties.apiKey(), http, settings.rxTimeout(), clock);
    }

    /** EWS reader, when {@code rxpush.ews.url} is set. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty("rxpush.ews.url")
    EwsBookingSource ewsBookingSource(ForwarderProperties properties, ForwarderMetrics metrics, Clock clock) {
        ForwarderSettings settings = properties.forwarder();
        EwsServiceFactory factory = EwsServiceFactory.create(properties.ews(), properties.graph(),
                HttpClient.newBuilder().connectTimeout(settings.rxConnectTimeout()).build(), clock,
                settings.exchangeTimeout());
        return new EwsBookingSource(factory, metrics,
                settings.mailboxConcurrency(), settings.concurrency() * settings.mailboxConcurrency());
    }

    /** Graph reader, when {@code rxpush.graph.client-id} is set. */
    @Bean
    @ConditionalOnProperty("rxpush.graph.client-id")
    GraphBookingSource graphBookingSource(ForwarderProperties properties, ForwarderMetrics metrics, Clock clock) {
        ForwarderSettings settings = properties.forwarder();
        HttpClient http = HttpClient.newBuilder().connectTimeout(settings.rxConnectTimeout()).build();
        GraphTokenProvider tokens = new GraphTokenProvider(properties.graph(), http, clock, settings.exchangeTimeout());
        return new GraphBookingSource(new GraphHttp(properties.graph(), http, tokens, clock, settings.exchangeTimeout()),
                metrics, settings.mailboxConcurrency());
    }

    @Bean
    ForwarderMetrics forwarderMetrics(MeterRegistry registry) {
        return new ForwarderMetrics(registry);
    }

    @Bean
    ForwarderStatus forwarderStatus(ForwarderMetrics metrics) {
        ForwarderStatus status = new ForwarderStatus();
        metrics.watch(status);
        return status;
    }

    @Bean
    ForwarderHealthIndicator forwarderHealthIndicator(ForwarderStatus status) {
        return new ForwarderHealthIndicator(status);
    }

    @Bean(destroyMethod = "close")
    ExecutorService forwarderWorkers() {
        return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("rxpush-forwarder-", 0).factory());
    }

    @Bean
    Forwarding forwarding(ForwarderSettings settings, KafkaClients clients, KafkaProducer<String, byte[]> producer,
            RxClient rx, ObjectProvider<BookingSource> sources, ForwarderMetrics metrics, Clock clock) {
        VersionStore versions = new VersionStore(settings.topic(Topics.FORWARDED_VERSIONS), producer,
                clients::plainConsumer);
        DeadLetters deadLetters = new DeadLetters(settings.topic(Topics.FORWARDER_DLT), producer, clock);
        return new Forwarding(new BookingSources(sources.orderedStream().toList()), rx, versions, deadLetters, metrics,
                clock, settings, new RegisteredMailboxes(settings.topic(Topics.MAILBOXES), clients::plainConsumer, clock));
    }

    @Bean
    @ConditionalOnProperty(name = "rxpush.forwarder.consume", havingValue = "true", matchIfMissing = true)
    ForwarderRunner forwarderRunner(Forwarding forwarding, KafkaClients clients, ExecutorService forwarderWorkers,
            ForwarderStatus status) {
        ForwarderSettings settings = forwarding.settings();
        BatchProcessor processor = new BatchProcessor(forwarding, forwarderWorkers);
        return new ForwarderRunner(() -> new ForwarderLoop(
                clients.groupConsumer(settings.groupId(), "rxpush-forwarder-" + instanceName() + "-"
                        + INSTANCES.incrementAndGet()),
                settings.topic(Topics.NOTIFICATIONS), forwarding, processor, forwarderWorkers, status),
                settings.revokeGrace());
    }

    /**
     * host-pid, unique per replica: in a container the pid is 1 in every replica, the host name
     * (the container id, in HOSTNAME) tells them apart; elsewhere the pid alone.
     */
    static String instanceName() {
        String host = System.getenv("HOSTNAME");
        long pid = ProcessHandle.current().pid();
        return host == null || host.isBlank() ? Long.toString(pid) : host + "-" + pid;
    }
}
