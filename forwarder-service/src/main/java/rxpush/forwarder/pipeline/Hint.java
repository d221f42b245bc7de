package rxpush.forwarder.pipeline;

import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.kafka.ContractDeserializer;

/**
 * One notifications record as the forwarder holds it: the record with its original bytes (a dead
 * letter carries them unchanged) and the notification read from them, or why it could not be read.
 *
 * <p>The forwarder runs its own consumer loop, so it decodes here instead of through Spring's
 * ErrorHandlingDeserializer (which serves listener containers): same effect, a poison record
 * becomes a dead letter instead of stopping the consumer, and the raw bytes stay at hand.
 */
record Hint(ConsumerRecord<String, byte[]> record, ChangeNotification notification, RuntimeException decodeError,
        Instant addedAt) {

    private static final ContractDeserializer<ChangeNotification> DESERIALIZER =
            new ContractDeserializer<>(ChangeNotification.class);

    static Hint of(ConsumerRecord<String, byte[]> record, Instant addedAt) {
        if (record.value() == null) {
            return new Hint(record, null, new SerializationException("empty record (null value) on " + record.topic()),
                    addedAt);
        }
        try {
            return new Hint(record, DESERIALIZER.deserialize(record.topic(), record.value()), null, addedAt);
        } catch (SerializationException e) {
            return new Hint(record, null, e, addedAt);
        }
    }

    long offset() {
        return record.offset();
    }

    Optional<ChangeNotification> readable() {
        return Optional.ofNullable(notification);
    }

    /** When the change was first seen: the record's timestamp, unless it lies in our future (clock skew). */
    Instant seenAt() {
        Instant stamped = Instant.ofEpochMilli(record.timestamp());
        return record.timestamp() < 0 || stamped.isAfter(addedAt) ? addedAt : stamped;
    }

    /** When ingress received the change, for freshness. */
    Instant receivedAt() {
        return notification != null ? notification.receivedAt() : seenAt();
    }
}
