package rxpush.forwarder.pipeline;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits, per partition, the lowest offset not done (never past a record still pending), and only
 * when it moved. Asynchronously while running; synchronously when a partition is handed over or the
 * loop stops. Used by the loop thread only.
 */
final class OffsetCommitter {

    private static final Logger log = LoggerFactory.getLogger(OffsetCommitter.class);

    private final Consumer<String, byte[]> consumer;
    private final Function<TopicPartition, PartitionState> partitions;

    OffsetCommitter(Consumer<String, byte[]> consumer, Function<TopicPartition, PartitionState> partitions) {
        this.consumer = consumer;
        this.partitions = partitions;
    }

    void commit(Collection<PartitionState> states, boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (PartitionState state : states) {
            state.buffer.committable().filter(offset -> offset > state.committed).ifPresent(offset -> {
                offsets.put(state.partition, new OffsetAndMetadata(offset));
                state.committed = offset;
            });
        }
        if (offsets.isEmpty()) {
            return;
        }
        if (sync) {
            try {
                commitSync(offsets);
            } catch (RuntimeException e) {
                log.warn("Committing {} failed; the records will be read again (idempotently): {}", offsets.keySet(),
                        e.getMessage());
            }
            return;
        }
        consumer.commitAsync(offsets, (committed, error) -> {
            if (error != null) {
                // During a rebalance every loop pass fails this way until the group settles (dozens of
                // times a second); the hand-over itself commits synchronously in onPartitionsRevoked.
                if (error instanceof RebalanceInProgressException) {
                    log.debug("Committing offsets deferred: the group is rebalancing");
                } else {
                    log.warn("Committing offsets failed, will retry: {}", error.getMessage());
                }
                committed.keySet().forEach(tp -> {
                    PartitionState state = partitions.apply(tp);
                    if (state != null) {
                        state.committed = -1;
                    }
                });
            }
        });
    }

    private void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            consumer.commitSync(offsets);
        } catch (WakeupException pendingStop) {
            // stop() woke the consumer while it was not polling; the wake-up is spent now.
            consumer.commitSync(offsets);
        }
    }
}
