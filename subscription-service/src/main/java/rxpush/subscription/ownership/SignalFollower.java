package rxpush.subscription.ownership;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.LifecycleNotification;
import rxpush.common.kafka.ContractDeserializer;
import rxpush.subscription.engine.SubscriptionEngine;
import rxpush.subscription.kafka.OffsetTracker;
import rxpush.subscription.kafka.TopicNames;

/**
 * Feeds the engine with what ingress reports for the owned partitions: signals (EWS heartbeats,
 * MISSED) and lifecycle notifications from the positions the previous owner committed in its
 * transactions (or the end, the first time), and item notifications (for "last notification") from
 * the end. The topics are keyed by mailbox, so partition n of each holds the mailboxes of mailbox
 * partition n.
 */
public final class SignalFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SignalFollower.class);
    private static final ContractDeserializer<ChangeNotification> NOTIFICATIONS =
            new ContractDeserializer<>(ChangeNotification.class);
    private static final ContractDeserializer<LifecycleNotification> LIFECYCLE =
            new ContractDeserializer<>(LifecycleNotification.class);

    private record Change(int partition, boolean add) {
    }

    private final Consumer<byte[], byte[]> consumer;
    private final TopicNames topics;
    private final SubscriptionEngine engine;
    private final OffsetTracker offsets;
    private final ConcurrentLinkedQueue<Change> changes = new ConcurrentLinkedQueue<>();
    private final Set<Integer> owned = new HashSet<>();
    /** Partitions added whose start positions are not set yet (survives a wakeup half-way). */
    private final Set<TopicPartition> unpositioned = new HashSet<>();
    private final LatestItemNotifications itemNotifications;
    private volatile boolean closed;
    private Thread thread;

    public SignalFollower(Consumer<byte[], byte[]> consumer, TopicNames topics, SubscriptionEngine engine,
            OffsetTracker offsets) {
        this.consumer = consumer;
        this.topics = topics;
        this.engine = engine;
        this.offsets = offsets;
        this.itemNotifications = new LatestItemNotifications(topics.notifications());
    }

    public void start() {
        thread = Thread.ofPlatform().name("subscription-signals").daemon().start(this::run);
    }

    /** Follow this mailbox partition's signals (after the engine adopted it). */
    public void add(int partition) {
        changes.add(new Change(partition, true));
        consumer.wakeup();
    }

    /** Stop following this partition (before the engine releases it). */
    public void remove(int partition) {
        changes.add(new Change(partition, false));
        consumer.wakeup();
    }

    private void run() {
        try {
            while (!closed) {
                try {
                    applyChanges();
                    if (owned.isEmpty()) {
                        sleepQuietly();
                        continue;
                    }
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        if (!itemNotifications.offer(record)) {
                            handle(record);
                        }
                    }
                    itemNotifications.drain(this::handle);
                } catch (WakeupException e) {
                    // An assignment change or close; a change interrupted half-way is applied again.
                }
            }
        } catch (RuntimeException e) {
            log.error("Signal follower stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    private void applyChanges() {
        boolean changed = false;
        for (Change c; (c = changes.poll()) != null; ) {
            changed = true;
            int partition = c.partition();
            if (c.add()) {
                owned.add(partition);
                unpositioned.add(new TopicPartition(topics.signals(), partition));
                unpositioned.add(new TopicPartition(topics.lifecycle(), partition));
                unpositioned.add(new TopicPartition(topics.notifications(), partition));
            } else {
                owned.remove(partition);
                unpositioned.removeIf(tp -> tp.partition() == partition);
            }
        }
        if (!changed && unpositioned.isEmpty()) {
            return;
        }
        List<TopicPartition> assignment = new ArrayList<>();
        for (int p : owned) {
            assignment.add(new TopicPartition(topics.signals(), p));
            assignment.add(new TopicPartition(topics.lifecycle(), p));
            assignment.add(new TopicPartition(topics.notifications(), p));
        }
        consumer.assign(assignment);
        if (unpositioned.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(unpositioned),
                Duration.ofSeconds(30));
        List<TopicPartition> toEnd = new ArrayList<>();
        for (TopicPartition tp : unpositioned) {
            OffsetAndMetadata position = committed.get(tp);
            if (position != null && !tp.topic().equals(topics.notifications())) {
                consumer.seek(tp, position.offset());
            } else {
                toEnd.add(tp);
            }
        }
        consumer.seekToEnd(toEnd);
        unpositioned.clear();
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) {
        try {
            if (record.value() != null) {
                if (record.topic().equals(topics.lifecycle())) {
                    engine.lifecycle(record.partition(), LIFECYCLE.deserialize(record.topic(), record.value()));
                } else {
                    engine.signal(record.partition(), NOTIFICATIONS.deserialize(record.topic(), record.value()));
                }
            }
        } catch (RuntimeException e) {
            // A bad record is named (never printed) and passed over; the topic stays readable.
            log.error("Skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
        if (!record.topic().equals(topics.notifications())) {
            offsets.handedOver(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
        }
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
