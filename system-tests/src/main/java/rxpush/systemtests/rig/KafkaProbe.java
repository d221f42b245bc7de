package rxpush.systemtests.rig;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/** What the rig asks the cluster: which brokers are up, who leads a partition, who is in sync. */
public final class KafkaProbe implements AutoCloseable {

    private final Admin admin;

    public KafkaProbe(String bootstrapServers) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    }

    /** Ids of the brokers the cluster currently lists as alive. */
    public List<Integer> liveBrokers() {
        return get(admin.describeCluster().nodes()).stream().map(Node::id).sorted().toList();
    }

    /** The partition's leader's node id (= broker index), or -1 while it has none. */
    public int leader(String topic, int partition) {
        Node leader = partitionInfo(topic, partition).leader();
        return leader == null || leader.isEmpty() ? -1 : leader.id();
    }

    /** Node ids of the partition's in-sync replicas. */
    public List<Integer> inSyncReplicas(String topic, int partition) {
        return partitionInfo(topic, partition).isr().stream().map(Node::id).sorted().toList();
    }

    /** The partition of {@code topic} with the most records (the highest end offset). */
    public int busiestPartition(String topic) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        describe(topic).partitions().forEach(info -> latest.put(new TopicPartition(topic, info.partition()),
                OffsetSpec.latest()));
        return get(admin.listOffsets(latest).all()).entrySet().stream()
                .max(Comparator.comparingLong(entry -> entry.getValue().offset()))
                .orElseThrow().getKey().partition();
    }

    public TopicDescription describe(String topic) {
        try {
            return get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("cannot describe topic " + topic + ": " + e.getMessage(), e);
        }
    }

    public Admin admin() {
        return admin;
    }

    private TopicPartitionInfo partitionInfo(String topic, int partition) {
        return describe(topic).partitions().stream().filter(info -> info.partition() == partition).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(topic + " has no partition " + partition));
    }

    /** The future's value within 15 s; a failure becomes an IllegalStateException with the cause's message. */
    public static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within 15 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
