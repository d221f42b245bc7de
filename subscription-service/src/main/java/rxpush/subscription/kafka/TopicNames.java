package rxpush.subscription.kafka;

import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import rxpush.common.kafka.TopicDeclarations;
import rxpush.common.kafka.TopicSettings;
import rxpush.common.kafka.Topics;

/**
 * The topic names this service uses: {@link Topics} with an optional prefix (empty in production; tests
 * that share one broker give each test its own topics).
 */
public record TopicNames(String prefix) {

    public TopicNames {
        prefix = prefix == null ? "" : prefix;
    }

    public String mailboxes() {
        return prefix + Topics.MAILBOXES;
    }

    public String subscriptions() {
        return prefix + Topics.SUBSCRIPTIONS;
    }

    public String signals() {
        return prefix + Topics.SIGNALS;
    }

    public String lifecycle() {
        return prefix + Topics.LIFECYCLE;
    }

    public String notifications() {
        return prefix + Topics.NOTIFICATIONS;
    }

    /** Every rx-push topic with the shared declarations, renamed with the prefix. */
    public List<NewTopic> declarations(TopicSettings settings) {
        return TopicDeclarations.topics(settings).stream().map(t -> {
            NewTopic renamed = new NewTopic(prefix + t.name(), t.numPartitions(), t.replicationFactor());
            return t.configs() == null ? renamed : renamed.configs(t.configs());
        }).toList();
    }
}
