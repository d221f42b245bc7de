package rxpush.ingress;

import jakarta.validation.Valid;
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
     */
    public record Endpoints(
            @DefaultValue("1MB") @NotNull DataSize maxBodySize,
            @DefaultValue("2s") @NotNull Duration kafkaAckTimeout,
            @DefaultValue("false") boolean logPayloads) {

        public Endpoints {
            if (maxBodySize != null && (maxBodySize.toBytes() < 1024 || maxBodySize.toMegabytes() > 64)) {
                throw new IllegalArgumentException("rxpush.ingress.max-body-size must be between 1KB and 64MB");
            }
            if (kafkaAckTimeout != null && (kafkaAckTimeout.compareTo(Duration.ofMillis(100)) < 0
                    || kafkaAckTimeout.compareTo(Duration.ofSeconds(30)) > 0)) {
                throw new IllegalArgumentException("rxpush.ingress.kafka-ack-timeout must be between 100ms and 30s");
            }
        }
    }
}
