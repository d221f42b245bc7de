package rxpush.forwarder.replay;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import rxpush.common.kafka.Partitions;
import rxpush.forwarder.KafkaClients;
import rxpush.forwarder.failure.ConfigurationFailure;
import rxpush.forwarder.failure.TransientFailure;
import rxpush.forwarder.pipeline.BatchProcessor;
import rxpush.forwarder.pipeline.BatchResult;
import rxpush.forwarder.pipeline.ForwarderMetrics;
import rxpush.forwarder.pipeline.ForwarderMetrics.SkipReason;
import rxpush.forwarder.pipeline.Forwarding;

/**
 * {@code replay --from <instant> [--to <instant>] [--mailbox <address>]}: reads the notifications of
 * a time window again and forwards them like the live forwarder, while the live forwarders keep
 * running. Its own consumer group (partitions assigned, not subscribed: it takes no work from the live
 * group) records how far it got. Idempotent: the forwarded versions are loaded first, so what RX
 * already has is skipped without a request, and RX's Idempotency-Key covers the rest. The window ends
 * where the topic ended when the replay started (or at {@code --to}).
 */
public final class Replay {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final KafkaClients clients;
    private final String topic;
    private final Forwarding forwarding;
    private final BatchProcessor processor;
    private final PrintStream progress;

    /**
     * @param forwarding the pipeline, with metrics of its own (the summary is read from them)
     * @param progress   where progress lines go (stderr for the command line)
     */
    public Replay(KafkaClients clients, String topic, Forwarding forwarding, BatchProcessor processor,
            PrintStream progress) {
        this.clients = clients;
        this.topic = topic;
        this.forwarding = forwarding;
        this.processor = processor;
        this.progress = progress;
    }

    /**
     * @param to      end of the window (exclusive), or null for "up to now"
     * @param mailbox only this mailbox's notifications, or null for all
     * @param groupId the replay's consumer group
     */
    public Summary run(Instant from, Instant to, String mailbox, String groupId) {
        try (KafkaConsumer<String, byte[]> consumer = clients.groupConsumer(groupId, groupId)) {
            List<TopicPartition> partitions = partitions(consumer, mailbox);
            Map<TopicPartition, Long> start = offsetsAt(consumer, partitions, from);
            Map<TopicPartition, Long> end = to == null ? consumer.endOffsets(partitions) : offsetsAt(consumer, partitions, to);
            partitions = partitions.stream().filter(tp -> start.get(tp) < end.get(tp)).toList();
            long total = partitions.stream().mapToLong(tp -> end.get(tp) - start.get(tp)).sum();
            progress.printf("replay: %d record(s) on %d partition(s) of %s from %s to %s%s%n", total, partitions.size(),
                    topic, from, to == null ? "now" : to, mailbox == null ? "" : " (mailbox " + mailbox + ")");
            partitions.forEach(tp -> forwarding.versions().load(tp.partition()));
            consumer.assign(partitions);
            partitions.forEach(tp -> consumer.seek(tp, start.get(tp)));
            replay(consumer, partitions, end, mailbox, total);
            return summary();
        }
    }

    private void replay(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions,
            Map<TopicPartition, Long> end, String mailbox, long total) {
        List<TopicPartition> open = new ArrayList<>(partitions);
        long seen = 0;
        Instant started = forwarding.clock().instant();
        Instant nextReport = started.plus(PROGRESS_EVERY);
        while (!open.isEmpty()) {
            Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> batches = new HashMap<>();
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                if (record.offset() >= end.get(tp)) {
                    continue;
                }
                seen++;
                if (mailbox != null && !mailbox.equalsIgnoreCase(record.key())) {
                    continue; // another mailbox on the same partition
                }
                batches.computeIfAbsent(tp, p -> new ArrayList<>()).add(record);
            }
            batches.forEach(this::processUntilDone);
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (TopicPartition tp : List.copyOf(open)) {
                long position = Math.min(consumer.position(tp), end.get(tp));
                offsets.put(tp, new OffsetAndMetadata(position));
                if (position >= end.get(tp)) {
                    open.remove(tp);
                }
            }
            consumer.commitSync(offsets);
            if (!forwarding.clock().instant().isBefore(nextReport)) {
                progress.printf("replay: %s records scanned; %s%n", ProgressBar.line(seen, total,
                        java.time.Duration.between(started, forwarding.clock().instant())), summary());
                nextReport = forwarding.clock().instant().plus(PROGRESS_EVERY);
            }
        }
    }

    /** Transient failures are retried with back-off until they pass; a configuration failure ends the replay. */
    private void processUntilDone(TopicPartition tp, List<ConsumerRecord<String, byte[]>> records) {
        List<ConsumerRecord<String, byte[]>> pending = records;
        int attempt = 0;
        while (!pending.isEmpty()) {
            BatchResult result = processor.process(pending);
            List<ConsumerRecord<String, byte[]>> left = pending.stream()
                    .filter(r -> !result.done().contains(r.offset())).toList();
            if (result.failure() instanceof ConfigurationFailure configuration) {
                throw configuration;
            }
            if (!left.isEmpty()) {
                Duration wait = forwarding.settings().backoff().delay(attempt++,
                        result.failure() instanceof TransientFailure t ? t.retryAfter().orElse(null) : null);
                progress.printf("replay: %s: %d record(s) wait %d ms: %s%n", tp, left.size(), wait.toMillis(),
                        result.failure() == null ? "not done" : result.failure().getMessage());
                pause(wait);
            }
            pending = left;
        }
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(Math.max(0, wait.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay interrupted", e);
        }
    }

    private Summary summary() {
        ForwarderMetrics m = forwarding.metrics();
        long skipped = 0;
        for (SkipReason reason : SkipReason.values()) {
            skipped += m.skippedTotal(reason);
        }
        return new Summary(m.readTotal(), m.pushedTotal(), skipped, m.deadLetteredTotal());
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, String mailbox) {
        List<TopicPartition> all = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).sorted(
                        java.util.Comparator.comparingInt(TopicPartition::partition)).toList();
        if (all.isEmpty()) {
            throw new IllegalArgumentException("topic " + topic + " does not exist");
        }
        return mailbox == null ? all : List.of(all.get(Partitions.forMailbox(mailbox, all.size())));
    }

    /** The first offset at or after {@code time} per partition (the end offset when there is none). */
    private static Map<TopicPartition, Long> offsetsAt(KafkaConsumer<String, byte[]> consumer,
            List<TopicPartition> partitions, Instant time) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, time.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> result = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp at = found.get(tp);
            result.put(tp, at == null ? end.get(tp) : at.offset());
        }
        return result;
    }
}
