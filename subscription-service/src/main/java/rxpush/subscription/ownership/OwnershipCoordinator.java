package rxpush.subscription.ownership;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rxpush.common.contract.MailboxRegistration;
import rxpush.common.contract.SubscriptionState;
import rxpush.subscription.engine.OwnershipLostException;
import rxpush.subscription.engine.SubscriptionEngine;
import rxpush.subscription.kafka.KafkaClients;
import rxpush.subscription.kafka.OffsetTracker;
import rxpush.subscription.kafka.OwnerEpochs;
import rxpush.subscription.kafka.PartitionReader;
import rxpush.subscription.kafka.PartitionWriter;
import rxpush.subscription.kafka.TopicNames;
import rxpush.subscription.registry.MailboxRegistryView;

/**
 * Ownership through Kafka alone: every instance joins one consumer group on the mailbox topic, and
 * the partitions it is assigned are the mailboxes it owns. The consumer reads no records (its
 * partitions stay paused): the group is only the election.
 *
 * <p>Taking a partition: open its transactional writer (initTransactions fences the previous owner),
 * read the partition's subscription records to the end, take its registrations from the registry
 * view, hand all of it to the engine, then follow its signals. Giving it up (revoked in a cooperative
 * rebalance) happens in the reverse order and completes before the rebalance does, so two live
 * instances never work one mailbox at once; an instance that was cut off without noticing (paused,
 * partitioned) is stopped by the fence at its next write.
 */
public final class OwnershipCoordinator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OwnershipCoordinator.class);

    private final KafkaClients clients;
    private final TopicNames topics;
    private final SubscriptionEngine engine;
    private final MailboxRegistryView view;
    private final SignalFollower signals;
    private final OffsetTracker offsets;
    private final PartitionReader reader;
    private final OwnerEpochs epochs;
    private final Duration timeout;
    private final Map<Integer, PartitionWriter> writers = new ConcurrentHashMap<>();
    private final ExecutorService adoptions = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean closed;
    private volatile boolean joined;
    private KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;

    public OwnershipCoordinator(KafkaClients clients, TopicNames topics, SubscriptionEngine engine,
            MailboxRegistryView view, SignalFollower signals, OffsetTracker offsets, PartitionReader reader,
            OwnerEpochs epochs, Duration timeout) {
        this.clients = clients;
        this.topics = topics;
        this.engine = engine;
        this.view = view;
        this.signals = signals;
        this.offsets = offsets;
        this.reader = reader;
        this.epochs = epochs;
        this.timeout = timeout;
        view.listener(this::registrationChanged);
    }

    public void start() {
        consumer = clients.membershipConsumer();
        thread = Thread.ofPlatform().name("subscription-ownership").start(this::run);
    }

    /**
     * True once this instance's partitions of its latest group join are taken over (it may own nothing
     * when others own all); false again while its membership is lost.
     */
    public boolean joined() {
        return joined;
    }

    public Set<Integer> owned() {
        return new TreeSet<>(writers.keySet());
    }

    private void registrationChanged(int partition, String address, MailboxRegistration registration) {
        if (writers.containsKey(partition)) {
            engine.registration(partition, address, registration);
        }
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topics.mailboxes()), new Listener());
            long lastFlush = System.currentTimeMillis();
            while (!closed) {
                consumer.poll(Duration.ofMillis(500));
                if (System.currentTimeMillis() - lastFlush > 5_000) {
                    lastFlush = System.currentTimeMillis();
                    writers.values().forEach(PartitionWriter::flushOffsets);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("Ownership loop stopped; this instance gives up its mailboxes", e);
        } finally {
            // close() leaves the group, so the survivors rebalance at once instead of after the session timeout.
            try {
                consumer.close(Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                log.debug("closing the membership consumer: {}", e.toString());
            }
            releaseAll(writers.keySet());
        }
    }

    private final class Listener implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // The consumer never reads the registrations itself: the registry view does.
            consumer.pause(consumer.assignment());
            List<Future<?>> pending = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                pending.add(adoptions.submit(() -> adopt(tp.partition())));
            }
            for (Future<?> f : pending) {
                try {
                    f.get();
                } catch (Exception e) {
                    log.error("Taking over a partition failed", e);
                }
            }
            if (!partitions.isEmpty()) {
                log.info("Owning partitions {} of {}", owned(), topics.mailboxes());
            }
            // Only now: health reports UP once the assigned partitions are taken over.
            joined = true;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            releaseAll(partitions.stream().map(TopicPartition::partition).toList());
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            joined = false;
            log.warn("Lost partitions {} (membership expired); stopping their work", partitions);
            releaseAll(partitions.stream().map(TopicPartition::partition).toList());
        }
    }

    private void adopt(int partition) {
        long started = System.currentTimeMillis();
        PartitionWriter writer = new PartitionWriter(partition, () -> clients.transactionalProducer(partition), topics,
                offsets, clients.signalsGroupId(), timeout);
        try {
            writer.open();
            Collection<SubscriptionState> states = reader.subscriptions(topics.subscriptions(), partition);
            long epoch = epochs.next(clients.transactionalId(partition), states);
            view.awaitPositions(endOf(partition), timeout);
            synchronized (view.lock()) {
                engine.adopt(partition, epoch, writer, view.partition(partition), states);
                writers.put(partition, writer);
            }
            signals.add(partition);
            log.info("Took over partition {} in {} ms (owner epoch {})", partition, System.currentTimeMillis() - started, epoch);
        } catch (OwnershipLostException e) {
            log.warn("Partition {} was fenced while being taken over", partition);
            writer.close();
        } catch (RuntimeException e) {
            log.error("Could not take over partition {}: {}", partition, e.toString());
            writer.close();
            throw e;
        }
    }

    private Map<TopicPartition, Long> endOf(int partition) {
        TopicPartition tp = new TopicPartition(topics.mailboxes(), partition);
        try (var c = clients.reader("registry-end")) {
            return Map.of(tp, c.endOffsets(List.of(tp), timeout).get(tp));
        }
    }

    private void releaseAll(Collection<Integer> partitions) {
        for (int partition : List.copyOf(partitions)) {
            PartitionWriter writer = writers.remove(partition);
            if (writer == null) {
                continue;
            }
            signals.remove(partition);
            engine.release(partition, timeout.toMillis());
            writer.close();
            offsets.forget(partition);
        }
    }

    @Override
    public void close() {
        closed = true;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(timeout.toMillis() + 15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        adoptions.shutdownNow();
    }
}
