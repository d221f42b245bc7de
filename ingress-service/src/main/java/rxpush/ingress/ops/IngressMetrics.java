package rxpush.ingress.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import rxpush.common.contract.Source;

/**
 * The service's own meters (Prometheus names in docs/configuration.md):
 * <ul>
 *   <li>{@code rxpush_ingress_notifications_received_total{source}}: notification requests (one
 *       HTTP POST from Exchange or Graph; validation handshakes excluded);</li>
 *   <li>{@code rxpush_ingress_notifications_accepted_total{source}}: requests answered OK/202 after
 *       their records were acknowledged;</li>
 *   <li>{@code rxpush_ingress_notifications_rejected_total{source,reason}}: requests not accepted,
 *       and Graph items dropped from an accepted request, by {@link Rejection reason};</li>
 *   <li>{@code rxpush_ingress_records_total{topic}}: records acknowledged by Kafka;</li>
 *   <li>{@code rxpush_ingress_ack_latency_seconds{source}}: from request received to every record
 *       acknowledged (histogram).</li>
 * </ul>
 */
@Component
public class IngressMetrics {

    private final MeterRegistry registry;
    // Meters are looked up once per tag combination: building an id per request costs more than counting.
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<Source, Timer> ackLatency = new EnumMap<>(Source.class);

    public IngressMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Source source : Source.values()) {
            ackLatency.put(source, Timer.builder("rxpush.ingress.ack.latency")
                    .description("From notification request received to all its records acknowledged by Kafka")
                    .tag("source", source.name())
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(30))
                    .register(registry));
        }
    }

    public void received(Source source) {
        counter("rxpush.ingress.notifications.received", "source", source.name()).increment();
    }

    public void accepted(Source source) {
        counter("rxpush.ingress.notifications.accepted", "source", source.name()).increment();
    }

    public void rejected(Source source, Rejection reason) {
        counter("rxpush.ingress.notifications.rejected", "source", source.name(), "reason", reason.tag()).increment();
    }

    public void produced(String topic, int records) {
        counter("rxpush.ingress.records", "topic", topic).increment(records);
    }

    public void acknowledged(Source source, Duration latency) {
        ackLatency.get(source).record(latency);
    }

    /** Subscription records that could not be read (skipped by the registry). */
    public void invalidRegistryRecord() {
        counter("rxpush.ingress.registry.invalid", "topic", "rxpush.subscriptions").increment();
    }

    private Counter counter(String name, String... tags) {
        return counters.computeIfAbsent(name + String.join("|", tags),
                key -> Counter.builder(name).tags(tags).register(registry));
    }
}
