package rxpush.common.kafka;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import tools.jackson.core.JacksonException;

/**
 * Reads one contract type from UTF-8 JSON. A record that is not valid JSON or fails the record's own
 * checks throws {@link SerializationException}; wrap it in Spring Kafka's ErrorHandlingDeserializer
 * so a poison record is dead-lettered instead of stopping the consumer. Null stays null (tombstone).
 */
public class ContractDeserializer<T> implements Deserializer<T> {

    private final Class<T> type;

    public ContractDeserializer(Class<T> type) {
        this.type = type;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return ContractJson.mapper().readValue(data, type);
        } catch (JacksonException | IllegalArgumentException e) {
            // The message names the field, never the payload.
            throw new SerializationException("invalid " + type.getSimpleName() + " on " + topic + ": "
                    + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause instanceof IllegalArgumentException ? cause.getMessage() : e.getClass().getSimpleName();
    }
}
