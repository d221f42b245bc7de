package rxpush.forwarder.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rxpush.common.contract.ForwardedVersion;
import rxpush.common.kafka.ContractDeserializer;
import rxpush.common.kafka.ContractSerializer;
import rxpush.common.kafka.Partitions;

/**
 * The last version forwarded per booking, materialized from the compacted forwarded-versions topic for
 * the partitions this instance works on. Partition p of that topic holds the bookings of the mailboxes
 * of notifications partition p, so assigning p means loading p. A version is remembered only once
 * Kafka has acknowledged it, so a crash between the push and the write leads to a repeated
 * (idempotent) push, never to a version RX does not have.
 */
public final class VersionStore {

    private static final Logger log = LoggerFactory.getLogger(VersionStore.class);
    private static final ContractDeserializer<ForwardedVersion> READ = new ContractDeserializer<>(ForwardedVersion.class);
    private static final ContractSerializer<ForwardedVersion> WRITE = new ContractSerializer<>();

    private final String topic;
    private final Producer<String, byte[]> producer;
    private final Supplier<Consumer<String, byte[]>> readers;
    private final Map<String, ForwardedVersion> byBooking = new ConcurrentHashMap<>();
    private final Map<Integer, Set<String>> bookingsByPartition = new ConcurrentHashMap<>();
    /** Series master booking id -> the occurrence bookings forwarded (and not deleted) under it. */
    private final Map<String, Set<String>> occurrencesByMaster = new ConcurrentHashMap<>();
    private volatile int partitionCount;

    /**
     * @param topic    the forwarded-versions topic
     * @param producer shared, idempotent producer (acks=all)
     * @param readers  opens a group-less consumer for loading a partition; closed after use
     */
    public VersionStore(String topic, Producer<String, byte[]> producer, Supplier<Consumer<String, byte[]>> readers) {
        this.topic = topic;
        this.producer = producer;
        this.readers = readers;
    }

    /** Reads partition {@code partition} from its start to its current end (blocking). */
    public void load(int partition) {
        TopicPartition tp = new TopicPartition(topic, partition);
        Set<String> keys = bookingsByPartition.computeIfAbsent(partition, p -> ConcurrentHashMap.newKeySet());
        int count = 0;
        try (Consumer<String, byte[]> reader = readers.get()) {
            reader.assign(List.of(tp));
            reader.seekToBeginning(List.of(tp));
            long end = reader.endOffsets(List.of(tp)).get(tp);
            while (reader.position(tp) < end) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(500))) {
                    apply(record, keys);
                    count++;
                }
            }
        }
        log.info("Loaded {} forwarded-version records of partition {}", count, partition);
    }

    private void apply(ConsumerRecord<String, byte[]> record, Set<String> keys) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            forget(record.key());
            keys.remove(record.key());
            return;
        }
        try {
            ForwardedVersion version = READ.deserialize(record.topic(), record.value());
            remember(version);
            keys.add(record.key());
        } catch (SerializationException e) {
            // Only the forwarder writes here; an unreadable entry just means that booking is pushed again.
            log.warn("Ignoring unreadable forwarded version at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    /** Forgets a partition this instance no longer works on. */
    public void drop(int partition) {
        Set<String> keys = bookingsByPartition.remove(partition);
        if (keys != null) {
            keys.forEach(this::forget);
        }
    }

    private void remember(ForwardedVersion version) {
        ForwardedVersion before = byBooking.put(version.key(), version);
        unindex(before);
        if (version.seriesMasterBookingId() != null && !version.deleted()) {
            occurrencesByMaster.computeIfAbsent(version.seriesMasterBookingId(), m -> ConcurrentHashMap.newKeySet())
                    .add(version.key());
        }
    }

    private void forget(String bookingId) {
        unindex(byBooking.remove(bookingId));
    }

    private void unindex(ForwardedVersion version) {
        if (version != null && version.seriesMasterBookingId() != null) {
            occurrencesByMaster.computeIfPresent(version.seriesMasterBookingId(), (master, ids) -> {
                ids.remove(version.key());
                return ids.isEmpty() ? null : ids;
            });
        }
    }

    /**
     * The occurrences and exceptions of a series RX holds (forwarded, not deleted), by the series
     * master's booking id: what a change to the whole series must also reach.
     */
    public List<ForwardedVersion> occurrencesOf(String masterBookingId) {
        return occurrencesByMaster.getOrDefault(masterBookingId, Set.of()).stream().map(byBooking::get)
                .filter(v -> v != null && !v.deleted()).toList();
    }

    public Optional<ForwardedVersion> get(String bookingId) {
        return Optional.ofNullable(byBooking.get(bookingId));
    }

    /** Everything forwarded for a mailbox (RESYNC looks for bookings that vanished). */
    public List<ForwardedVersion> ofMailbox(String mailbox) {
        int partition = partitionOf(mailbox);
        Set<String> keys = bookingsByPartition.getOrDefault(partition, Set.of());
        return keys.stream().map(byBooking::get).filter(v -> v != null && v.mailbox().equals(mailbox)).toList();
    }

    /** Writes the version to its mailbox's partition; remembered when Kafka acknowledges it. */
    public CompletableFuture<Void> write(ForwardedVersion version) {
        int partition = partitionOf(version.mailbox());
        CompletableFuture<Void> written = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(topic, partition, version.key(), WRITE.serialize(topic, version)),
                (metadata, failure) -> {
                    if (failure != null) {
                        written.completeExceptionally(failure);
                    } else {
                        remember(version);
                        bookingsByPartition.computeIfAbsent(partition, p -> ConcurrentHashMap.newKeySet())
                                .add(version.key());
                        written.complete(null);
                    }
                });
        return written;
    }

    public int size() {
        return byBooking.size();
    }

    private int partitionOf(String mailbox) {
        return Partitions.forMailbox(mailbox, partitionCount());
    }

    /** Partitions of the forwarded-versions topic (asked once). */
    public int partitionCount() {
        int count = partitionCount;
        if (count == 0) {
            count = producer.partitionsFor(topic).size();
            partitionCount = count;
        }
        return count;
    }
}
