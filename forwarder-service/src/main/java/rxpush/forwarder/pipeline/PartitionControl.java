package rxpush.forwarder.pipeline;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/** The consumer loop's per-iteration chores on its partitions: pausing and reporting. Loop thread only. */
final class PartitionControl {

    private PartitionControl() {
    }

    /**
     * Pauses what must not fetch (versions not loaded yet, backing off, buffer full, or the whole
     * forwarder blocked) and resumes the rest. A paused partition keeps its position; polling goes on,
     * so the consumer stays in the group.
     */
    static void applyPauses(Consumer<String, byte[]> consumer, Collection<PartitionState> states, Instant now,
            boolean blocked, int maxBuffered) {
        Set<TopicPartition> wanted = new HashSet<>();
        for (PartitionState state : states) {
            if (!state.loaded || state.backingOff(now) || blocked || state.buffer.size() >= maxBuffered) {
                wanted.add(state.partition);
            }
        }
        Set<TopicPartition> paused = consumer.paused();
        List<TopicPartition> resume = paused.stream().filter(tp -> !wanted.contains(tp)).toList();
        List<TopicPartition> pause = wanted.stream().filter(tp -> !paused.contains(tp)).toList();
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
        if (!pause.isEmpty()) {
            consumer.pause(pause);
        }
    }

    /** Lag (records on the partitions not yet forwarded) to the metrics; pending and back-off to the status. */
    static void report(Consumer<String, byte[]> consumer, Collection<PartitionState> states, Forwarding forwarding,
            ForwarderStatus status) {
        long lag = 0;
        Map<String, Object> snapshot = new HashMap<>();
        Instant now = forwarding.clock().instant();
        for (PartitionState state : states) {
            lag += consumer.currentLag(state.partition).orElse(0) + state.buffer.size();
            snapshot.put(Integer.toString(state.partition.partition()), state.backingOff(now)
                    ? Map.of("pending", state.buffer.size(), "retryAt", state.retryAt.toString())
                    : Map.of("pending", state.buffer.size()));
        }
        forwarding.metrics().lag(lag);
        status.partitions(snapshot);
    }
}
