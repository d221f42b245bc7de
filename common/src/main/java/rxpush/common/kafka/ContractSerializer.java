package rxpush.common.kafka;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;

/** Writes any contract record as UTF-8 JSON with {@link ContractJson}. Null stays null (tombstone). */
public class ContractSerializer<T> implements Serializer<T> {

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        try {
            return ContractJson.mapper().writeValueAsBytes(data);
        } catch (JacksonException e) {
            throw new SerializationException("cannot write " + data.getClass().getSimpleName() + " for " + topic, e);
        }
    }
}
