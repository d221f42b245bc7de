package rxpush.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicDeclarationsTest {

    @Test
    void stateTopicsAreCompactedAndNotificationsKeepSevenDays() {
        Map<String, NewTopic> topics = TopicDeclarations.topics(TopicSettings.defaults()).stream()
                .collect(Collectors.toMap(NewTopic::name, t -> t));
        assertThat(topics).containsOnlyKeys(Topics.NOTIFICATIONS, Topics.SIGNALS, Topics.LIFECYCLE, Topics.MAILBOXES,
                Topics.SUBSCRIPTIONS, Topics.FORWARDED_VERSIONS, Topics.FORWARDER_DLT);
        for (String compacted : new String[] {Topics.MAILBOXES, Topics.SUBSCRIPTIONS, Topics.FORWARDED_VERSIONS}) {
            assertThat(topics.get(compacted).configs()).containsEntry("cleanup.policy", "compact");
        }
        assertThat(topics.get(Topics.NOTIFICATIONS).configs())
                .containsEntry("retention.ms", Long.toString(Duration.ofDays(7).toMillis()));
        assertThat(topics.values()).allSatisfy(t -> assertThat(t.numPartitions()).isEqualTo(12));
    }

    @Test
    void minInsyncReplicasCannotExceedTheReplicationFactor() {
        assertThatThrownBy(() -> new TopicSettings(12, (short) 1, 2, Duration.ofDays(7), Duration.ofDays(14)))
                .hasMessageContaining("rxpush.topics.min-insync-replicas");
    }
}
