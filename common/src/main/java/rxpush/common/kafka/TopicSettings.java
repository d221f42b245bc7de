package rxpush.common.kafka;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How rx-push declares its topics ({@code rxpush.topics.*}). Every service binds the same tree and
 * declares all topics at start-up, so the first service to start creates them and the others find
 * them. Existing topics are never altered: change partitions with Kafka's own tools.
 *
 * @param partitions            partitions of every topic (default 12): the upper bound of forwarder
 *                              parallelism. Keep it equal across topics: forwarded versions are
 *                              co-partitioned with notifications.
 * @param replicationFactor     replicas per partition (default 1 for a single broker; 3 in
 *                              production)
 * @param minInsyncReplicas     min.insync.replicas for rx-push topics (default 1; 2 with 3 replicas)
 * @param notificationRetention how long change hints are kept for replay (default 7 days)
 * @param deadLetterRetention   how long dead letters are kept for redrive (default 14 days)
 */
public record TopicSettings(
        @DefaultValue("12") @Min(1) @Max(10_000) int partitions,
        @DefaultValue("1") @Min(1) @Max(7) short replicationFactor,
        @DefaultValue("1") @Min(1) @Max(7) int minInsyncReplicas,
        @DefaultValue("7d") @NotNull Duration notificationRetention,
        @DefaultValue("14d") @NotNull Duration deadLetterRetention) {

    public TopicSettings {
        if (minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("rxpush.topics.min-insync-replicas (" + minInsyncReplicas
                    + ") cannot exceed rxpush.topics.replication-factor (" + replicationFactor + ")");
        }
    }

    /** The defaults, for tests and tools that do not bind properties. */
    public static TopicSettings defaults() {
        return new TopicSettings(12, (short) 1, 1, Duration.ofDays(7), Duration.ofDays(14));
    }
}
