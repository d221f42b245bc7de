package rxpush.ingress.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import rxpush.common.contract.SchemaVersions;
import rxpush.common.kafka.RxHeaders;
import rxpush.ingress.ops.IngressMetrics;

/**
 * Writes the records of one request and waits until Kafka has acknowledged all of them
 * (acks=all, idempotent producer), at most rxpush.ingress.kafka-ack-timeout after the request
 * arrived. Only then may the endpoint answer OK/202.
 */
public class NotificationPublisher {

    private final KafkaTemplate<String, Object> kafka;
    private final Duration ackTimeout;
    private final IngressMetrics metrics;

    public NotificationPublisher(KafkaTemplate<String, Object> kafka, Duration ackTimeout, IngressMetrics metrics) {
        this.kafka = kafka;
        this.ackTimeout = ackTimeout;
        this.metrics = metrics;
    }

    /**
     * Sends every record and returns once all are acknowledged.
     *
     * @throws NotAcknowledgedException when Kafka refused a record or the deadline passed; the
     *                                  caller must answer 5xx
     */
    public void publish(List<OutboundRecord> records, RequestContext request) throws NotAcknowledgedException {
        List<CompletableFuture<SendResult<String, Object>>> sent = new ArrayList<>(records.size());
        try {
            for (OutboundRecord record : records) {
                sent.add(kafka.send(producerRecord(record, request)));
            }
            long remaining = ackTimeout.toNanos() - (System.nanoTime() - request.startNanos());
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(Math.max(remaining, 0), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new NotAcknowledgedException("Kafka did not acknowledge within " + ackTimeout, e);
        } catch (ExecutionException e) {
            throw new NotAcknowledgedException("Kafka refused a record: " + rootCause(e), e.getCause());
        } catch (KafkaException | org.springframework.kafka.KafkaException e) {
            // send() itself failed, e.g. no metadata within max.block.ms (Spring wraps Kafka's own)
            throw new NotAcknowledgedException("Kafka send failed: " + rootCause(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotAcknowledgedException("interrupted while waiting for Kafka", e);
        }
        records.stream().map(OutboundRecord::topic).distinct().forEach(topic ->
                metrics.produced(topic, (int) records.stream().filter(r -> r.topic().equals(topic)).count()));
        metrics.acknowledged(request.source(), Duration.ofNanos(System.nanoTime() - request.startNanos()));
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.toString();
    }

    private static ProducerRecord<String, Object> producerRecord(OutboundRecord record, RequestContext request) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, RxHeaders.SOURCE, request.source().name());
        if (record.subscriptionId() != null) {
            header(headers, RxHeaders.SUBSCRIPTION_ID, record.subscriptionId());
        }
        header(headers, RxHeaders.RECEIVED_AT, request.receivedAt().toString());
        header(headers, RxHeaders.TRACE_ID, request.traceId());
        header(headers, RxHeaders.SCHEMA_VERSION, Integer.toString(SchemaVersions.CURRENT));
        return new ProducerRecord<>(record.topic(), null, record.key(), record.value(), headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
