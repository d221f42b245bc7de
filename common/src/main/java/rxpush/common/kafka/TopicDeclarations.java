package rxpush.common.kafka;

import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topic declarations every service registers (as a {@link KafkaAdmin.NewTopics} bean), so
 * whichever starts first creates them with the same settings.
 */
public final class TopicDeclarations {

    private TopicDeclarations() {
    }

    /** The bean to register: {@code @Bean KafkaAdmin.NewTopics topics(...)}. */
    public static KafkaAdmin.NewTopics all(TopicSettings settings) {
        return new KafkaAdmin.NewTopics(topics(settings).toArray(NewTopic[]::new));
    }

    /** Every rx-push topic with its settings. */
    public static java.util.List<NewTopic> topics(TopicSettings settings) {
        return java.util.List.of(
                stream(Topics.NOTIFICATIONS, settings, settings.notificationRetention().toMillis()),
                stream(Topics.SIGNALS, settings, settings.notificationRetention().toMillis()),
                stream(Topics.LIFECYCLE, settings, settings.notificationRetention().toMillis()),
                stream(Topics.FORWARDER_DLT, settings, settings.deadLetterRetention().toMillis()),
                compacted(Topics.MAILBOXES, settings),
                compacted(Topics.SUBSCRIPTIONS, settings),
                compacted(Topics.FORWARDED_VERSIONS, settings));
    }

    private static NewTopic stream(String name, TopicSettings settings, long retentionMs) {
        return TopicBuilder.name(name)
                .partitions(settings.partitions())
                .replicas(settings.replicationFactor())
                .configs(Map.of(
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs),
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(settings.minInsyncReplicas())))
                .build();
    }

    private static NewTopic compacted(String name, TopicSettings settings) {
        return TopicBuilder.name(name)
                .partitions(settings.partitions())
                .replicas(settings.replicationFactor())
                .compact()
                .configs(Map.of(
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(settings.minInsyncReplicas()),
                        // Tombstones stay a day so that a restarting reader sees removals.
                        TopicConfig.DELETE_RETENTION_MS_CONFIG, Long.toString(86_400_000L)))
                .build();
    }
}
