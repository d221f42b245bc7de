package rxpush.subscription.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.Protocol;
import rxpush.common.contract.SchemaVersions;
import rxpush.common.contract.SubscriptionHealth;
import rxpush.common.contract.SubscriptionState;
import rxpush.common.contract.SubscriptionStatus;
import rxpush.subscription.SubscriptionSettings;
import rxpush.subscription.engine.Batch;
import rxpush.subscription.engine.OwnershipLostException;
import rxpush.subscription.testing.TopicReader;
import rxpush.testsupport.KafkaTestBroker;
import rxpush.testsupport.WithKafka;

/**
 * The fence itself, on a real broker: once a new owner's writer for a partition is open, the old
 * owner's writes fail and nothing of them is visible to read_committed readers (ingress, the next
 * owner). Also: a write commits the signal positions in the same transaction.
 */
@WithKafka
class PartitionWriterIT {

    private static SubscriptionState state(String id, String mailbox, long epoch) {
        Instant now = Instant.now();
        return new SubscriptionState(SchemaVersions.CURRENT, id, mailbox, Protocol.GRAPH, "graph-" + id,
                SubscriptionStatus.ACTIVE, now, now.plusSeconds(3600), null, null, epoch, null, "hash-" + id,
                SubscriptionHealth.HEALTHY, null, null, null, now);
    }

    private static KafkaClients clients(KafkaTestBroker broker, String group) {
        SubscriptionSettings defaults = SubscriptionSettings.defaults();
        SubscriptionSettings settings = new SubscriptionSettings(defaults.processInterval(), group,
                defaults.sessionTimeout(), defaults.heartbeatInterval(), defaults.graphLifetime(),
                defaults.graphRenewFraction(), defaults.maxConcurrentRequests(), defaults.ewsRequestsPerSecond(),
                defaults.graphRequestsPerSecond(), Duration.ofSeconds(10), defaults.obsoleteRetention(),
                defaults.statePersistInterval(), defaults.orphanSweepInterval(), defaults.progressLogInterval(), "",
                defaults.reconcileInterval(), defaults.reconcileMaxPerPass());
        Map<String, Object> base = Map.of("bootstrap.servers", broker.bootstrapServers());
        return new KafkaClients(base, base, base, settings, "writer-it");
    }

    private static PartitionWriter writer(KafkaClients clients, TopicNames topics, OffsetTracker offsets) {
        PartitionWriter writer = new PartitionWriter(0, () -> clients.transactionalProducer(0), topics, offsets,
                clients.signalsGroupId(), Duration.ofSeconds(10));
        writer.open();
        return writer;
    }

    @Test
    void aNewOwnersWriterFencesTheOldOneAndTheOldWritesStayInvisible(KafkaTestBroker broker) {
        TopicNames topics = new TopicNames(KafkaTestBroker.unique("fence") + ".");
        broker.createTopics(1, topics.subscriptions(), topics.notifications(), topics.signals(), topics.lifecycle());
        KafkaClients clients = clients(broker, KafkaTestBroker.unique("group"));
        OffsetTracker offsets = new OffsetTracker(topics);

        try (PartitionWriter old = writer(clients, topics, offsets)) {
            old.write(Batch.of(state("a", "room.a@contoso.com", 1)));

            try (PartitionWriter next = writer(clients, topics, offsets)) {
                assertThatThrownBy(() -> old.write(Batch.of(state("zombie", "room.a@contoso.com", 1))))
                        .isInstanceOf(OwnershipLostException.class);
                assertThatThrownBy(() -> old.write(Batch.of(state("zombie-2", "room.a@contoso.com", 1))))
                        .isInstanceOf(OwnershipLostException.class);
                assertThat(old.fenced()).isTrue();

                next.write(Batch.of(state("b", "room.b@contoso.com", 2)));
            }
        }
        Map<String, SubscriptionState> visible = TopicReader.latest(broker, topics.subscriptions(), SubscriptionState.class);
        assertThat(visible).containsOnlyKeys("a", "b");
    }

    @Test
    void theOwnerEpochGrowsWithEveryNewOwner(KafkaTestBroker broker) {
        TopicNames topics = new TopicNames(KafkaTestBroker.unique("epoch") + ".");
        broker.createTopics(1, topics.subscriptions(), topics.notifications(), topics.signals(), topics.lifecycle());
        KafkaClients clients = clients(broker, KafkaTestBroker.unique("group"));
        OffsetTracker offsets = new OffsetTracker(topics);
        try (Admin admin = clients.admin()) {
            OwnerEpochs epochs = new OwnerEpochs(admin, Duration.ofSeconds(10));
            long first;
            try (PartitionWriter a = writer(clients, topics, offsets)) {
                first = epochs.next(clients.transactionalId(0), List.of());
                a.write(Batch.of(state("a", "room.a@contoso.com", first)));
            }
            try (PartitionWriter b = writer(clients, topics, offsets)) {
                long second = epochs.next(clients.transactionalId(0), List.of(state("a", "room.a@contoso.com", first)));
                assertThat(second).isGreaterThan(first);
            }
        }
    }

    @Test
    void signalPositionsAreCommittedWithTheWrites(KafkaTestBroker broker) {
        TopicNames topics = new TopicNames(KafkaTestBroker.unique("offsets") + ".");
        broker.createTopics(1, topics.subscriptions(), topics.notifications(), topics.signals(), topics.lifecycle());
        KafkaClients clients = clients(broker, KafkaTestBroker.unique("group"));
        OffsetTracker offsets = new OffsetTracker(topics);
        TopicPartition lifecycle = new TopicPartition(topics.lifecycle(), 0);
        offsets.handedOver(lifecycle, 42);
        ChangeNotification resync = new ChangeNotification(SchemaVersions.CURRENT, "resync-1",
                rxpush.common.contract.Source.GRAPH, "room.a@contoso.com", null, rxpush.common.contract.ChangeType.RESYNC,
                null, null, null, null, null, null, Instant.now(), "test");

        try (PartitionWriter writer = writer(clients, topics, offsets)) {
            writer.write(Batch.of().withResync(resync));
        }

        Map<String, Object> props = broker.consumerProperties(clients.signalsGroupId());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.of(lifecycle), Duration.ofSeconds(10));
            assertThat(committed.get(lifecycle).offset()).isEqualTo(42);
        }
        assertThat(TopicReader.values(broker, topics.notifications(), ChangeNotification.class))
                .extracting(ChangeNotification::notificationId).containsExactly("resync-1");
    }
}
