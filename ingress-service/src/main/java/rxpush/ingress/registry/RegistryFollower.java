package rxpush.ingress.registry;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rxpush.common.contract.SubscriptionState;
import rxpush.common.kafka.ContractDeserializer;
import rxpush.common.kafka.Topics;
import rxpush.ingress.kafka.TopicFollower;

/**
 * Keeps the {@link SubscriptionRegistry} current: reads {@link Topics#SUBSCRIPTIONS} from the
 * beginning, and marks the registry loaded once it has reached the end offsets captured at start.
 * A record that cannot be read is logged (position only, never the payload) and skipped: one bad
 * record must not blind ingress to every subscription after it.
 */
public class RegistryFollower extends TopicFollower {

    private static final Logger log = LoggerFactory.getLogger(RegistryFollower.class);
    private static final ContractDeserializer<SubscriptionState> READER = new ContractDeserializer<>(SubscriptionState.class);

    public RegistryFollower(SubscriptionRegistry registry, Map<String, Object> consumerProperties, Runnable onInvalid) {
        super(Topics.SUBSCRIPTIONS, consumerProperties, "rxpush-ingress-registry", StartPosition.beginning(),
                record -> apply(registry, record, onInvalid), registry::markLoaded);
    }

    private static void apply(SubscriptionRegistry registry, ConsumerRecord<String, byte[]> record, Runnable onInvalid) {
        if (record.key() == null) {
            log.warn("Skipping a subscription record without key at {}-{}@{}", record.topic(), record.partition(), record.offset());
            onInvalid.run();
            return;
        }
        try {
            registry.apply(record.key(), READER.deserialize(record.topic(), record.value()));
        } catch (SerializationException e) {
            log.warn("Skipping an unreadable subscription record at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            onInvalid.run();
        }
    }
}
