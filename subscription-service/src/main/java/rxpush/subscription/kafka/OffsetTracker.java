package rxpush.subscription.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the signal and lifecycle records of each partition have been handed to the engine. The
 * partition's writer commits these positions inside its transactions, after the writes the records
 * caused: a new owner resumes exactly after what the old one acted on (or wrote down to act on).
 */
public final class OffsetTracker {

    private final TopicNames topics;
    private final Map<TopicPartition, Long> next = new ConcurrentHashMap<>();

    public OffsetTracker(TopicNames topics) {
        this.topics = topics;
    }

    /** Records up to {@code nextOffset - 1} of this topic partition were handed over. */
    public void handedOver(TopicPartition partition, long nextOffset) {
        next.merge(partition, nextOffset, Math::max);
    }

    /** The positions to commit with a transaction of mailbox partition {@code partition}. */
    public Map<TopicPartition, OffsetAndMetadata> positions(int partition) {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        for (String topic : new String[] {topics.signals(), topics.lifecycle()}) {
            TopicPartition tp = new TopicPartition(topic, partition);
            Long offset = next.get(tp);
            if (offset != null) {
                out.put(tp, new OffsetAndMetadata(offset));
            }
        }
        return out;
    }

    /** Forgets a partition given up (the next owner starts from the committed positions). */
    public void forget(int partition) {
        next.keySet().removeIf(tp -> tp.partition() == partition);
    }
}
