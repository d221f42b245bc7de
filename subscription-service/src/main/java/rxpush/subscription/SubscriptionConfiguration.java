package rxpush.subscription;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.apache.kafka.clients.admin.NewTopic;
import rxpush.common.config.Urls;
import rxpush.common.exchange.EwsServiceFactory;
import rxpush.common.exchange.GraphHttp;
import rxpush.common.exchange.GraphTokenProvider;
import rxpush.common.kafka.Partitions;
import rxpush.subscription.engine.EngineSettings;
import rxpush.subscription.engine.EwsClient;
import rxpush.subscription.engine.ExecutorScheduler;
import rxpush.subscription.engine.GraphClient;
import rxpush.subscription.engine.SubscriptionEngine;
import rxpush.subscription.ews.EwsJavaApiClient;
import rxpush.subscription.graph.GraphHttpClient;
import rxpush.subscription.kafka.KafkaClients;
import rxpush.subscription.kafka.OffsetTracker;
import rxpush.subscription.kafka.OwnerEpochs;
import rxpush.subscription.kafka.PartitionReader;
import rxpush.subscription.kafka.TopicNames;
import rxpush.subscription.ownership.OwnershipCoordinator;
import rxpush.subscription.ownership.SignalFollower;
import rxpush.subscription.registry.MailboxRegistry;
import rxpush.subscription.registry.MailboxRegistryView;

/** The service's beans, wired by hand (no component scan). */
@Configuration(proxyBeanMethods = false)
class SubscriptionConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    TopicNames topicNames(SubscriptionProperties properties) {
        return new TopicNames(properties.subscription().topicPrefix());
    }

    /** Whichever service starts first creates every topic with the shared settings. */
    @Bean
    KafkaAdmin.NewTopics rxpushTopics(SubscriptionProperties properties, TopicNames names) {
        return new KafkaAdmin.NewTopics(names.declarations(properties.topics()).toArray(NewTopic[]::new));
    }

    @Bean
    KafkaClients kafkaClients(KafkaProperties kafka, SubscriptionProperties properties,
            io.micrometer.core.instrument.MeterRegistry registry, org.springframework.core.env.Environment env) {
        return new KafkaClients(kafka.buildConsumerProperties(), kafka.buildProducerProperties(),
                kafka.buildAdminProperties(), properties.subscription(), instanceName()).metered(registry)
                .advertiseAdminPort(adminPort(env));
    }

    /** The admin API's port as configured (the management port when set apart); 0 when chosen at random. */
    static int adminPort(org.springframework.core.env.Environment env) {
        Integer management = env.getProperty("management.server.port", Integer.class);
        Integer server = env.getProperty("server.port", Integer.class, 8080);
        int port = management != null && management >= 0 ? management : server;
        return Math.max(0, port);
    }

    @Bean
    OpsSettings opsSettings(SubscriptionProperties properties) {
        return properties.ops();
    }

    /** host-pid: shown as the client id of this instance's group member. */
    static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        return "rxpush-subscription-" + host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }

    @Bean(destroyMethod = "close")
    ExecutorScheduler subscriptionScheduler(Clock clock) {
        return new ExecutorScheduler(clock);
    }

    @Bean
    MailboxRegistryView mailboxRegistryView(KafkaClients clients, TopicNames names) {
        return new MailboxRegistryView(() -> clients.reader("registry"), names.mailboxes());
    }

    @Bean(destroyMethod = "close")
    Producer<byte[], byte[]> registryProducer(KafkaClients clients) {
        return clients.registryProducer();
    }

    @Bean
    MailboxRegistry mailboxRegistry(MailboxRegistryView view, Producer<byte[], byte[]> registryProducer,
            SubscriptionProperties properties, Clock clock) {
        return new MailboxRegistry(view, registryProducer, properties.ews(), properties.graph(), clock,
                properties.subscription().requestTimeout());
    }

    @Bean
    SubscriptionEngine subscriptionEngine(SubscriptionProperties properties, ExecutorScheduler scheduler, Clock clock,
            MailboxRegistryView view) {
        SubscriptionSettings s = properties.subscription();
        EngineSettings settings = new EngineSettings(properties::ewsNotificationUrl, properties.graphNotificationUrl(),
                properties.ews().statusFrequency(), properties.ews().statusGrace(), s.graphLifetime(), s.graphRenewAfter(),
                s.processInterval(), s.maxConcurrentRequests(), s.ewsRequestsPerSecond(), s.graphRequestsPerSecond(),
                s.obsoleteRetention(), s.statePersistInterval(), s.orphanSweepInterval(), s.progressLogInterval(),
                address -> Partitions.forMailbox(address, Math.max(1, view.partitionCount())), s.reconcileInterval(),
                s.reconcileMaxPerPass());
        return new SubscriptionEngine(settings, scheduler, Executors.newVirtualThreadPerTaskExecutor(),
                ewsClient(properties, clock), graphClient(properties, clock));
    }

    private static EwsClient ewsClient(SubscriptionProperties properties, Clock clock) {
        if (!properties.ews().configured()) {
            return null;
        }
        Duration timeout = properties.subscription().requestTimeout();
        return new EwsJavaApiClient(EwsServiceFactory.create(properties.ews(), properties.graph(),
                HttpClient.newBuilder().connectTimeout(timeout).build(), clock, timeout));
    }

    private static GraphClient graphClient(SubscriptionProperties properties, Clock clock) {
        if (!properties.graph().configured()) {
            return null;
        }
        Duration timeout = properties.subscription().requestTimeout();
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        GraphTokenProvider tokens = new GraphTokenProvider(properties.graph(), http, clock, timeout);
        return new GraphHttpClient(new GraphHttp(properties.graph(), http, tokens, clock, timeout),
                properties.graphNotificationUrl(), properties.graphLifecycleUrl());
    }

    @Bean
    OffsetTracker offsetTracker(TopicNames names) {
        return new OffsetTracker(names);
    }

    @Bean
    SignalFollower signalFollower(KafkaClients clients, TopicNames names, SubscriptionEngine engine, OffsetTracker offsets) {
        return new SignalFollower(clients.signalsConsumer(), names, engine, offsets);
    }

    @Bean
    OwnershipCoordinator ownershipCoordinator(KafkaClients clients, TopicNames names, SubscriptionEngine engine,
            MailboxRegistryView view, SignalFollower signals, OffsetTracker offsets, SubscriptionProperties properties) {
        Duration timeout = properties.subscription().requestTimeout();
        return new OwnershipCoordinator(clients, names, engine, view, signals, offsets,
                new PartitionReader(() -> clients.reader("state"), timeout), new OwnerEpochs(clients.admin(), timeout),
                timeout);
    }

    @Bean
    SubscriptionService subscriptionService(SubscriptionProperties properties, KafkaClients clients, TopicNames names,
            MailboxRegistryView view, MailboxRegistry registry, SubscriptionEngine engine, SignalFollower signals,
            OwnershipCoordinator coordinator) {
        return new SubscriptionService(properties, clients, names, view, registry, engine, signals, coordinator);
    }

    /** DOWN until the registry is loaded and this instance has joined the ownership group. */
    @Bean
    HealthIndicator subscriptionHealth(SubscriptionService service, OwnershipCoordinator coordinator,
            SubscriptionEngine engine, SubscriptionProperties properties) {
        return () -> {
            Health.Builder health = service.running() && coordinator.joined() ? Health.up() : Health.down();
            return health.withDetail("ownedPartitions", coordinator.owned())
                    .withDetail("mailboxes", engine.mailboxCount())
                    .withDetail("notificationUrl", Urls.trimmed(properties.notificationUrl()))
                    .build();
        };
    }
}
