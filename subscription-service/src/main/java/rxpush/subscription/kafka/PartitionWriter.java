package rxpush.subscription.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.SubscriptionState;
import rxpush.common.kafka.ContractJson;
import rxpush.subscription.engine.Batch;
import rxpush.subscription.engine.OwnershipLostException;
import rxpush.subscription.engine.PartitionStore;

/**
 * The fenced writer of one mailbox partition: a transactional producer whose transactional.id is
 * bound to the partition ({@code <group>-p<n>}). {@link #open} calls initTransactions, which bumps the
 * producer epoch and so fences whichever instance wrote for the partition before (and aborts its open
 * transaction): from then on the old owner's writes fail with ProducerFencedException and nothing of
 * them becomes visible to read_committed readers (the Kafka Connect pattern).
 *
 * <p>Writes are group-committed: one thread drains the queue into one transaction (subscription
 * records to the partition's own partition of the subscriptions topic, RESYNC records to the
 * notifications topic, and the signal/lifecycle positions handed to the engine so far).
 */
public final class PartitionWriter implements PartitionStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PartitionWriter.class);
    private static final int MAX_BATCHES_PER_TRANSACTION = 200;

    private record Pending(Batch batch, CompletableFuture<Void> done) {
    }

    private final int partition;
    private final Supplier<Producer<byte[], byte[]>> producers;
    private final TopicNames topics;
    private final OffsetTracker offsets;
    private final ConsumerGroupMetadata signalsGroup;
    private final Duration timeout;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private Producer<byte[], byte[]> producer;
    private Thread thread;
    private volatile boolean fenced;
    private volatile boolean closed;
    private Map<TopicPartition, OffsetAndMetadata> committedOffsets = Map.of();

    public PartitionWriter(int partition, Supplier<Producer<byte[], byte[]>> producers, TopicNames topics,
            OffsetTracker offsets, String signalsGroupId, Duration timeout) {
        this.partition = partition;
        this.producers = producers;
        this.topics = topics;
        this.offsets = offsets;
        this.signalsGroup = new ConsumerGroupMetadata(signalsGroupId);
        this.timeout = timeout;
    }

    /** Initializes transactions (fencing any previous writer of the partition) and starts writing. */
    public void open() {
        producer = producers.get();
        try {
            producer.initTransactions();
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            producer.close(Duration.ZERO);
            throw new OwnershipLostException(partition, e);
        }
        thread = Thread.ofVirtual().name("subscription-writer-p" + partition).start(this::run);
    }

    public int partition() {
        return partition;
    }

    @Override
    public void write(Batch batch) {
        CompletableFuture<Void> done = submit(batch);
        try {
            done.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("registry write failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("registry write of partition " + partition + " not committed in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the registry");
        }
    }

    @Override
    public CompletableFuture<Void> submit(Batch batch) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (fenced) {
            done.completeExceptionally(new OwnershipLostException(partition, null));
        } else if (closed) {
            done.completeExceptionally(new IllegalStateException("writer of partition " + partition + " is closed"));
        } else {
            queue.add(new Pending(batch, done));
        }
        return done;
    }

    /** Commits the signal positions even when nothing else is written. */
    public void flushOffsets() {
        if (!offsets.positions(partition).equals(committedOffsets)) {
            submit(new Batch(List.of(), List.of(), List.of()));
        }
    }

    public boolean fenced() {
        return fenced;
    }

    private void run() {
        while (!closed && !fenced) {
            List<Pending> batch = new ArrayList<>();
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCHES_PER_TRANSACTION - 1);
            } catch (InterruptedException e) {
                break;
            }
            commit(batch);
        }
        Exception reason = fenced ? new OwnershipLostException(partition, null)
                : new IllegalStateException("writer of partition " + partition + " is closed");
        for (Pending p; (p = queue.poll()) != null; ) {
            p.done().completeExceptionally(reason);
        }
    }

    private void commit(List<Pending> batch) {
        // Positions are read before the batch is sent: every record they cover had its writes queued
        // before the position was handed over, so those writes are in this or an earlier transaction.
        Map<TopicPartition, OffsetAndMetadata> positions = offsets.positions(partition);
        try {
            producer.beginTransaction();
            for (Pending p : batch) {
                send(p.batch());
            }
            if (!positions.isEmpty() && !positions.equals(committedOffsets)) {
                producer.sendOffsetsToTransaction(positions, signalsGroup);
            }
            producer.commitTransaction();
            committedOffsets = positions;
            batch.forEach(p -> p.done().complete(null));
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            fenced = true;
            log.warn("Writer of partition {} was fenced: another instance owns it now", partition);
            batch.forEach(p -> p.done().completeExceptionally(new OwnershipLostException(partition, e)));
        } catch (AuthorizationException e) {
            log.error("Kafka refused the transactional writer of partition {}: {}", partition, e.getMessage());
            batch.forEach(p -> p.done().completeExceptionally(e));
            reopen();
        } catch (RuntimeException e) {
            log.warn("Transaction of partition {} failed, nothing of it is visible: {}", partition, e.toString());
            batch.forEach(p -> p.done().completeExceptionally(e));
            reopen();
        }
    }

    /** After an aborted or unknown transaction: a fresh producer, whose initTransactions settles it. */
    private void reopen() {
        try {
            producer.close(Duration.ZERO);
        } catch (RuntimeException ignored) {
            // Already failed; the new producer's initTransactions completes or aborts what it left.
        }
        try {
            producer = producers.get();
            producer.initTransactions();
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            fenced = true;
        } catch (RuntimeException e) {
            log.warn("Writer of partition {} could not be reopened yet: {}", partition, e.toString());
        }
    }

    private void send(Batch batch) {
        for (SubscriptionState state : batch.states()) {
            producer.send(new ProducerRecord<>(topics.subscriptions(), partition, utf8(state.key()),
                    ContractJson.mapper().writeValueAsBytes(state)));
        }
        for (String id : batch.tombstones()) {
            producer.send(new ProducerRecord<>(topics.subscriptions(), partition, utf8(id), null));
        }
        for (ChangeNotification resync : batch.resyncs()) {
            producer.send(new ProducerRecord<>(topics.notifications(), utf8(resync.key()),
                    ContractJson.mapper().writeValueAsBytes(resync)));
        }
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            try {
                thread.join(timeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            try {
                producer.close(fenced ? Duration.ZERO : Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                log.debug("closing the writer of partition {}: {}", partition, e.toString());
            }
        }
    }
}
