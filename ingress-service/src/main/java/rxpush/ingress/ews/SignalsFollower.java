package rxpush.ingress.ews;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.ChangeType;
import rxpush.common.kafka.ContractDeserializer;
import rxpush.common.kafka.Topics;
import rxpush.ingress.kafka.TopicFollower;

/**
 * Feeds the {@link WatermarkTracker} with the heartbeats every ingress instance writes to
 * {@link Topics#SIGNALS}, so that a push answered by another instance counts here too. Starts
 * rxpush.ingress.watermark-lookback in the past. Unreadable records are skipped.
 */
class SignalsFollower extends TopicFollower {

    private static final Logger log = LoggerFactory.getLogger(SignalsFollower.class);
    private static final ContractDeserializer<ChangeNotification> READER = new ContractDeserializer<>(ChangeNotification.class);

    SignalsFollower(WatermarkTracker tracker, Map<String, Object> consumerProperties, Clock clock, Duration lookback) {
        super(Topics.SIGNALS, consumerProperties, "rxpush-ingress-signals", StartPosition.since(clock, lookback),
                record -> observe(tracker, record), () -> { });
    }

    private static void observe(WatermarkTracker tracker, ConsumerRecord<String, byte[]> record) {
        ChangeNotification signal;
        try {
            signal = READER.deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            log.debug("Skipping an unreadable signal at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return;
        }
        if (signal == null || signal.changeType() != ChangeType.STATUS || signal.subscriptionId() == null
                || signal.watermark() == null) {
            return;
        }
        List<String> watermarks = new ArrayList<>(2);
        if (signal.previousWatermark() != null) {
            watermarks.add(signal.previousWatermark());
        }
        watermarks.add(signal.watermark());
        tracker.observe(signal.mailbox(), signal.subscriptionId(), watermarks);
    }
}
