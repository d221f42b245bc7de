package rxpush.subscription;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import rxpush.subscription.engine.SubscriptionEngine;
import rxpush.subscription.kafka.KafkaClients;
import rxpush.subscription.kafka.TopicNames;
import rxpush.subscription.ownership.OwnershipCoordinator;
import rxpush.subscription.ownership.SignalFollower;
import rxpush.subscription.registry.MailboxRegistry;
import rxpush.subscription.registry.MailboxRegistryView;

/**
 * Starts the service in order once the context is up: checks the topics, loads the mailbox registry,
 * writes the configured mailboxes, then joins the ownership group. Stops in reverse: leaving the group
 * (so the others take over at once) before anything else closes.
 */
final class SubscriptionService implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionService.class);

    private final SubscriptionProperties properties;
    private final KafkaClients clients;
    private final TopicNames names;
    private final MailboxRegistryView view;
    private final MailboxRegistry registry;
    private final SubscriptionEngine engine;
    private final SignalFollower signals;
    private final OwnershipCoordinator coordinator;
    private volatile boolean running;

    SubscriptionService(SubscriptionProperties properties, KafkaClients clients, TopicNames names,
            MailboxRegistryView view, MailboxRegistry registry, SubscriptionEngine engine, SignalFollower signals,
            OwnershipCoordinator coordinator) {
        this.properties = properties;
        this.clients = clients;
        this.names = names;
        this.view = view;
        this.registry = registry;
        this.engine = engine;
        this.signals = signals;
        this.coordinator = coordinator;
    }

    @Override
    public void start() {
        Duration timeout = properties.subscription().requestTimeout();
        checkPartitions(timeout);
        view.start(timeout.multipliedBy(4));
        registry.seed(properties.mailboxes());
        engine.start();
        signals.start();
        coordinator.start();
        running = true;
        log.info("Subscription service started: notifications go to {}, {} mailboxes registered",
                properties.notificationUrl(), view.all().size());
    }

    /**
     * Ownership, state and signals rely on partition n of each topic holding the same mailboxes, so
     * the topics must have the same number of partitions.
     */
    private void checkPartitions(Duration timeout) {
        List<String> topics = List.of(names.mailboxes(), names.subscriptions(), names.signals(), names.lifecycle(),
                names.notifications());
        Map<String, Integer> counts = new TreeMap<>();
        try (Admin admin = clients.admin()) {
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            described.forEach((name, d) -> counts.put(name, d.partitions().size()));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Cannot describe the rx-push topics " + topics + " at "
                    + "spring.kafka.bootstrap-servers: " + e.getMessage(), e);
        }
        if (counts.values().stream().distinct().count() > 1) {
            throw new IllegalStateException("The rx-push topics must have the same number of partitions (mailbox "
                    + "ownership relies on it) but have " + counts + "; align them with kafka-topics --alter "
                    + "--partitions (rxpush.topics.partitions applies only when topics are created)");
        }
    }

    @Override
    public void stop() {
        running = false;
        coordinator.close();
        signals.close();
        engine.stop();
        view.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    boolean running() {
        return running;
    }
}
