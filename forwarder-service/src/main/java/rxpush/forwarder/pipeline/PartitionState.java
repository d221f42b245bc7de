package rxpush.forwarder.pipeline;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.TopicPartition;

/** The consumer loop's bookkeeping for one assigned partition; touched by the loop thread only. */
final class PartitionState {

    final TopicPartition partition;
    final PartitionBuffer buffer = new PartitionBuffer();
    /** The forwarded versions of this partition are loaded; until then nothing is processed. */
    boolean loaded;
    CompletableFuture<BatchResult> inFlight;
    AtomicBoolean cancel = new AtomicBoolean();
    /** Backing off after a transient failure until then; null when not. */
    Instant retryAt;
    int attempts;
    long committed = -1;

    PartitionState(TopicPartition partition) {
        this.partition = partition;
    }

    boolean backingOff(Instant now) {
        return retryAt != null && now.isBefore(retryAt);
    }
}
