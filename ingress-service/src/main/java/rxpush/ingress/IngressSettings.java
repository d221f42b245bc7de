package rxpush.ingress;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;
import rxpush.common.kafka.TopicSettings;
import rxpush.ingress.ops.TlsSettings;

/**
 * The ingress service's configuration: the {@code rxpush.*} tree it reads. Documented key by key
 * in docs/configuration.md ("ingress-service").
 *
 * @param topics  how the rx-push topics are declared (shared by every service)
 * @param ingress the notification endpoints ({@code rxpush.ingress.*})
 * @param tls     the TLS versions the notification port serves ({@code rxpush.tls.*})
 */
@Validated
@ConfigurationProperties("rxpush")
public record IngressSettings(
        @Valid @NotNull @DefaultValue TopicSettings topics,
        @Valid @NotNull @DefaultValue Endpoints ingress,
        @Valid @NotNull @DefaultValue TlsSettings tls) {

    /**
     * The notification endpoints, {@code rxpush.ingress.*}.
     *
     * @param maxBodySize        largest request body accepted (default 1MB = 1 MiB); a larger one is
     *                           answered 413 without being parsed
     * @param kafkaAckTimeout    how long a request waits for Kafka to acknowledge its records
     *                           (default 2s, at most 30s); past it the answer is 503 and nothing is
     *                           claimed. Keep it under Graph's 3 s budget.
     * @param logPayloads        log request bodies at INFO (default false); Graph clientState values
     *                           are masked, tokens are never in a body. For debugging only.
     * @param bodyReadTimeout    the whole body must arrive within this (default 10s): a sender
     *                           trickling bytes is cut off with 408
     * @param maxInFlightRequests notification requests handled at once (default 256); beyond it 503
     *                           with Retry-After, before the body is read
     * @param maxInFlightBytes   body bytes of the requests handled at once (default 16MB; a body
     *                           without Content-Length counts as max-body-size); beyond it 503
     * @param graphMaxItems      items in one Graph POST (default 1000); more is answered 413, and the
     *                           parser stops after 64 tokens per allowed item
     * @param graphItemsPerSecond new items per second one Graph subscription may post on average (default
     *                           50); an item named again within a minute is free
     * @param graphItemBurst     items one Graph subscription may post at once (default 2000); beyond
     *                           its budget a POST is answered 429 with Retry-After
     */
    public record Endpoints(
            @DefaultValue("1MB") @NotNull DataSize maxBodySize,
            @DefaultValue("2s") @NotNull Duration kafkaAckTimeout,
            @DefaultValue("false") boolean logPayloads,
            @DefaultValue("10s") @NotNull Duration bodyReadTimeout,
            @DefaultValue("256") @Min(1) int maxInFlightRequests,
            @DefaultValue("16MB") @NotNull DataSize maxInFlightBytes,
            @DefaultValue("1000") @Min(1) @Max(100_000) int graphMaxItems,
            @DefaultValue("50") @Min(1) int graphItemsPerSecond,
            @DefaultValue("2000") @Min(1) int graphItemBurst) {

        public Endpoints {
            if (maxBodySize != null && (maxBodySize.toBytes() < 1024 || maxBodySize.toMegabytes() > 64)) {
                throw new IllegalArgumentException("rxpush.ingress.max-body-size must be between 1KB and 64MB");
            }
            if (kafkaAckTimeout != null && (kafkaAckTimeout.compareTo(Duration.ofMillis(100)) < 0
                    || kafkaAckTimeout.compareTo(Duration.ofSeconds(30)) > 0)) {
                throw new IllegalArgumentException("rxpush.ingress.kafka-ack-timeout must be between 100ms and 30s");
            }
            if (bodyReadTimeout != null && (bodyReadTimeout.compareTo(Duration.ofMillis(100)) < 0
                    || bodyReadTimeout.compareTo(Duration.ofMinutes(5)) > 0)) {
                throw new IllegalArgumentException("rxpush.ingress.body-read-timeout must be between 100ms and 5m");
            }
            if (maxInFlightBytes != null && maxBodySize != null && maxInFlightBytes.toBytes() < maxBodySize.toBytes()) {
                throw new IllegalArgumentException("rxpush.ingress.max-in-flight-bytes must be at least max-body-size");
            }
            if (graphItemBurst < graphMaxItems) {
                throw new IllegalArgumentException("rxpush.ingress.graph-item-burst must be at least graph-max-items");
            }
        }
    }
}
