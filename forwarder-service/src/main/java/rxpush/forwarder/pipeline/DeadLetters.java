package rxpush.forwarder.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import rxpush.common.kafka.FailureStage;
import rxpush.common.kafka.RxHeaders;

/**
 * Writes a record that failed for good to the dead-letter topic: same key, the original bytes, the
 * original headers, plus provenance (topic, partition, offset, stage, exception class and message,
 * failed-at). A record redriven before keeps its redrive count.
 */
public final class DeadLetters {

    private static final int MAX_MESSAGE = 1000;

    private final String topic;
    private final Producer<String, byte[]> producer;
    private final Clock clock;

    public DeadLetters(String topic, Producer<String, byte[]> producer, Clock clock) {
        this.topic = topic;
        this.producer = producer;
        this.clock = clock;
    }

    /** Completes when Kafka has the dead letter; only then may the original offset be committed. */
    CompletableFuture<Void> send(ConsumerRecord<String, byte[]> original, FailureStage stage, Throwable failure) {
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(topic, original.key(), original.value());
        for (Header header : original.headers()) {
            if (!header.key().startsWith("rxpush.dlt.") || header.key().equals(RxHeaders.DLT_REDRIVE_COUNT)) {
                letter.headers().add(header);
            }
        }
        add(letter, RxHeaders.DLT_ORIGINAL_TOPIC, original.topic());
        add(letter, RxHeaders.DLT_ORIGINAL_PARTITION, Integer.toString(original.partition()));
        add(letter, RxHeaders.DLT_ORIGINAL_OFFSET, Long.toString(original.offset()));
        add(letter, RxHeaders.DLT_STAGE, stage.name());
        add(letter, RxHeaders.DLT_EXCEPTION_CLASS, failure.getClass().getName());
        add(letter, RxHeaders.DLT_EXCEPTION_MESSAGE, truncate(String.valueOf(failure.getMessage())));
        add(letter, RxHeaders.DLT_FAILED_AT, clock.instant().toString());
        CompletableFuture<Void> sent = new CompletableFuture<>();
        producer.send(letter, (metadata, error) -> {
            if (error != null) {
                sent.completeExceptionally(error);
            } else {
                sent.complete(null);
            }
        });
        return sent;
    }

    private static void add(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().remove(name);
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String truncate(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "...";
    }
}
