package rxpush.subscription.registry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rxpush.common.contract.MailboxRegistration;
import rxpush.common.contract.Protocol;
import rxpush.common.kafka.ContractDeserializer;

/**
 * The whole mailbox registry (compacted topic, key = lowercased address), materialized in memory and
 * kept current by one thread. Every instance holds it: the admin API answers from it, and a new owner
 * of a partition takes that partition's registrations from it.
 *
 * <p>Changes are handed to the listener under {@link #lock()}; an owner taking a partition reads the
 * partition's registrations and starts listening under the same lock, so it misses no change.
 */
public final class MailboxRegistryView implements AutoCloseable {

    /** Receives every change after the initial load: partition, address, registration (null: removed). */
    public interface Listener {
        void changed(int partition, String address, MailboxRegistration registration);
    }

    private static final Logger log = LoggerFactory.getLogger(MailboxRegistryView.class);
    private static final ContractDeserializer<MailboxRegistration> REGISTRATIONS =
            new ContractDeserializer<>(MailboxRegistration.class);

    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private final String topic;
    private final Object lock = new Object();
    private final Map<String, MailboxRegistration> byAddress = new ConcurrentHashMap<>();
    private final Map<String, Integer> partitionOf = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private volatile Listener listener = (p, a, r) -> { };
    private volatile int partitionCount;
    private volatile boolean loaded;
    private volatile boolean closed;
    private volatile Consumer<byte[], byte[]> consumer;
    private Thread thread;

    public MailboxRegistryView(Supplier<Consumer<byte[], byte[]>> consumers, String topic) {
        this.consumers = consumers;
        this.topic = topic;
    }

    public void listener(Listener value) {
        listener = value;
    }

    public Object lock() {
        return lock;
    }

    /** Starts following the topic and returns once everything written before now has been read. */
    public void start(Duration timeout) {
        consumer = consumers.get();
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        List<TopicPartition> all = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        partitionCount = all.size();
        consumer.assign(all);
        consumer.seekToBeginning(all);
        Map<TopicPartition, Long> ends = consumer.endOffsets(all, timeout);
        Instant deadline = Instant.now().plus(timeout);
        while (!caughtUp(consumer, ends)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("could not read the mailbox registry (" + topic + ") in " + timeout);
            }
            poll(consumer, false);
        }
        loaded = true;
        log.info("Mailbox registry loaded: {} mailboxes in {} partitions", byAddress.size(), partitionCount);
        thread = Thread.ofPlatform().name("mailbox-registry").daemon().start(this::follow);
    }

    private boolean caughtUp(Consumer<byte[], byte[]> c, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            long position = c.position(end.getKey());
            positions.put(end.getKey(), position);
            if (position < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void follow() {
        try {
            while (!closed) {
                poll(consumer, true);
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("Mailbox registry follower stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void poll(Consumer<byte[], byte[]> c, boolean notify) {
        var records = c.poll(Duration.ofMillis(200));
        synchronized (lock) {
            for (ConsumerRecord<byte[], byte[]> record : records) {
                apply(record, notify);
            }
            for (TopicPartition tp : c.assignment()) {
                positions.put(tp, c.position(tp));
            }
            lock.notifyAll();
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record, boolean notify) {
        if (record.key() == null) {
            return;
        }
        String address = new String(record.key(), StandardCharsets.UTF_8);
        MailboxRegistration registration;
        try {
            registration = REGISTRATIONS.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            log.error("Skipping unreadable mailbox registration {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        if (registration != null && !registration.address().equals(address)) {
            log.error("Skipping mailbox registration {}-{}@{}: key and address differ", record.topic(),
                    record.partition(), record.offset());
            return;
        }
        if (registration == null) {
            byAddress.remove(address);
            partitionOf.remove(address);
        } else {
            byAddress.put(address, registration);
            partitionOf.put(address, record.partition());
        }
        if (notify) {
            listener.changed(record.partition(), address, registration);
        }
    }

    /** Waits until the view has read the given end offsets (real time, bounded). */
    public void awaitPositions(Map<TopicPartition, Long> ends, Duration timeout) {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        synchronized (lock) {
            while (ends.entrySet().stream().anyMatch(e -> positions.getOrDefault(e.getKey(), 0L) < e.getValue())) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new IllegalStateException("mailbox registry did not catch up in " + timeout);
                }
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted");
                }
            }
        }
    }

    public boolean loaded() {
        return loaded;
    }

    public int partitionCount() {
        return partitionCount;
    }

    public String topic() {
        return topic;
    }

    public Optional<MailboxRegistration> get(String address) {
        return Optional.ofNullable(byAddress.get(address));
    }

    /** Every registration, ordered by address. */
    public Collection<MailboxRegistration> all() {
        return new TreeMap<>(byAddress).values();
    }

    /** The registrations of one partition (call under {@link #lock()} to pair with listening). */
    public List<MailboxRegistration> partition(int partition) {
        List<MailboxRegistration> out = new ArrayList<>();
        partitionOf.forEach((address, p) -> {
            if (p == partition) {
                MailboxRegistration r = byAddress.get(address);
                if (r != null) {
                    out.add(r);
                }
            }
        });
        return out;
    }

    /** Enabled EWS registrations other than {@code except}. */
    public long enabledEws(Set<String> except) {
        return byAddress.values().stream()
                .filter(r -> r.enabled() && r.protocol() == Protocol.EWS && !except.contains(r.address())).count();
    }

    @Override
    public void close() {
        closed = true;
        Consumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
