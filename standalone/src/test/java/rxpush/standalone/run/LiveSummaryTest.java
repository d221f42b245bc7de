package rxpush.standalone.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import rxpush.testsupport.MutableClock;

class LiveSummaryTest {

    private static GenericApplicationContext context(MeterRegistry registry) {
        GenericApplicationContext context = new GenericApplicationContext();
        context.registerBean(MeterRegistry.class, () -> registry);
        context.refresh();
        return context;
    }

    @Test
    void summarizesTheServicesOwnMetrics() {
        MeterRegistry ingress = new SimpleMeterRegistry();
        MeterRegistry forwarder = new SimpleMeterRegistry();
        AtomicLong lag = new AtomicLong(7);
        forwarder.gauge("rxpush.forwarder.lag", lag);
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T09:00:00Z"));
        try (GenericApplicationContext in = context(ingress); GenericApplicationContext fw = context(forwarder)) {
            LiveSummary summary = new LiveSummary(Map.of("ingress", in, "forwarder", fw), () -> "3/4", clock);
            ingress.counter("rxpush.ingress.notifications.accepted", "source", "EWS").increment(30);
            ingress.counter("rxpush.ingress.notifications.accepted", "source", "GRAPH").increment(20);
            ingress.counter("rxpush.ingress.notifications.rejected", "reason", "client-state").increment(2);
            forwarder.counter("rxpush.forwarder.pushed", "operation", "put").increment(11);
            forwarder.counter("rxpush.forwarder.pushed", "operation", "delete").increment(1);
            forwarder.counter("rxpush.forwarder.dlt", "stage", "push").increment();
            clock.advance(Duration.ofSeconds(5));
            assertThat(summary.line()).isEqualTo(
                    "mailboxes subscribed 3/4 | notifications 10.0/s (50 in all) | bookings forwarded 12 | lag 7 | errors 3");
            ingress.counter("rxpush.ingress.notifications.accepted", "source", "EWS").increment(5);
            clock.advance(Duration.ofSeconds(5));
            assertThat(summary.line()).startsWith("mailboxes subscribed 3/4 | notifications 1.0/s (55 in all)");
        }
    }

    @Test
    void aMissingServiceCountsAsZero() {
        LiveSummary summary = new LiveSummary(Map.of(), () -> "0/0", new MutableClock(Instant.EPOCH));
        assertThat(summary.line()).isEqualTo(
                "mailboxes subscribed 0/0 | notifications 0.0/s (0 in all) | bookings forwarded 0 | lag 0 | errors 0");
    }
}
