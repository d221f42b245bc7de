package rxpush.forwarder.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import rxpush.forwarder.failure.TransientFailure;

/**
 * The mailboxes the registry ({@code rxpush.mailboxes}, compacted, written by the subscription service)
 * holds: the only ones the forwarder reads from Exchange and pushes to RX. A record naming any other
 * mailbox (a forged RESYNC, a leftover of a removed mailbox) is counted and dropped, so whoever can
 * write to the notifications topic cannot make the service account read an arbitrary calendar into RX.
 *
 * <p>The topic is small (one record per mailbox) and read whole: at the first use, again when a
 * mailbox is not found and the last read is older than {@link #MISS_RELOAD} (a mailbox registered
 * just before its first notification), and at least every {@link #MAX_AGE} (removals). A registry
 * that cannot be read, or a topic that does not exist, is a transient failure: nothing is dropped
 * on a guess.
 */
public final class RegisteredMailboxes {

    static final Duration MISS_RELOAD = Duration.ofSeconds(1);
    static final Duration MAX_AGE = Duration.ofSeconds(30);
    private static final Duration READ_BUDGET = Duration.ofSeconds(10);

    private final String topic;
    private final Supplier<Consumer<String, byte[]>> readers;
    private final Clock clock;
    private Set<String> known;
    private Instant loadedAt = Instant.MIN;

    /**
     * @param topic   the mailbox registry topic (with the configured prefix)
     * @param readers opens a group-less consumer; closed after each read
     */
    public RegisteredMailboxes(String topic, Supplier<Consumer<String, byte[]>> readers, Clock clock) {
        this.topic = topic;
        this.readers = readers;
        this.clock = clock;
    }

    /** True when the registry holds {@code mailbox} (a disabled registration counts: it is the operator's). */
    public synchronized boolean contains(String mailbox) {
        String address = mailbox.toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        if (known == null || !now.isBefore(loadedAt.plus(MAX_AGE))
                || (!known.contains(address) && !now.isBefore(loadedAt.plus(MISS_RELOAD)))) {
            known = load();
            loadedAt = now;
        }
        return known.contains(address);
    }

    private Set<String> load() {
        Set<String> addresses = new HashSet<>();
        try (Consumer<String, byte[]> reader = readers.get()) {
            List<TopicPartition> partitions = reader.partitionsFor(topic, READ_BUDGET).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new TransientFailure("the mailbox registry topic " + topic + " does not exist", null);
            }
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = reader.endOffsets(partitions, READ_BUDGET);
            Instant deadline = clock.instant().plus(READ_BUDGET);
            while (partitions.stream().anyMatch(tp -> reader.position(tp, READ_BUDGET) < end.get(tp))) {
                if (clock.instant().isAfter(deadline)) {
                    throw new TransientFailure("the mailbox registry could not be read in time", null);
                }
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    if (record.key() == null) {
                        continue;
                    }
                    String address = record.key().toLowerCase(Locale.ROOT);
                    if (record.value() == null) {
                        addresses.remove(address);
                    } else {
                        addresses.add(address);
                    }
                }
            }
        } catch (TransientFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TransientFailure("the mailbox registry could not be read: " + e.getClass().getSimpleName(), e);
        }
        return addresses;
    }
}
