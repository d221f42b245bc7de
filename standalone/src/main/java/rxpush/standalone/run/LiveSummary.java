package rxpush.standalone.run;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The one-line summary {@code --demo} prints every few seconds, read from the services' own metrics:
 * mailboxes subscribed, notifications accepted per second, bookings forwarded, forwarder lag, errors
 * (rejected notifications and dead letters).
 */
public final class LiveSummary {

    private final Map<String, ConfigurableApplicationContext> contexts;
    private final Supplier<String> subscribed;
    private final Clock clock;
    private double lastAccepted;
    private Instant lastAt;

    /**
     * @param contexts   the running services by id (ingress, subscription, forwarder)
     * @param subscribed "subscribed/total" as the caller can best tell
     */
    public LiveSummary(Map<String, ConfigurableApplicationContext> contexts, Supplier<String> subscribed, Clock clock) {
        this.contexts = contexts;
        this.subscribed = subscribed;
        this.clock = clock;
        this.lastAt = clock.instant();
    }

    public String line() {
        double accepted = counters("ingress", "rxpush.ingress.notifications.accepted");
        Instant now = clock.instant();
        double seconds = Math.max(0.001, Duration.between(lastAt, now).toMillis() / 1000.0);
        double rate = (accepted - lastAccepted) / seconds;
        lastAccepted = accepted;
        lastAt = now;
        long errors = Math.round(counters("ingress", "rxpush.ingress.notifications.rejected")
                + counters("forwarder", "rxpush.forwarder.dlt"));
        return String.format("mailboxes subscribed %s | notifications %.1f/s (%d in all) | bookings forwarded %d | lag %d | errors %d",
                subscribed.get(), rate, Math.round(accepted), Math.round(counters("forwarder", "rxpush.forwarder.pushed")),
                Math.round(gauge("forwarder", "rxpush.forwarder.lag")), errors);
    }

    private double counters(String service, String name) {
        MeterRegistry registry = registry(service);
        return registry == null ? 0 : registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    private double gauge(String service, String name) {
        MeterRegistry registry = registry(service);
        if (registry == null) {
            return 0;
        }
        return registry.find(name).gauges().stream().mapToDouble(Gauge::value).filter(v -> !Double.isNaN(v)).sum();
    }

    private MeterRegistry registry(String service) {
        ConfigurableApplicationContext context = contexts.get(service);
        if (context == null || !context.isActive()) {
            return null;
        }
        return context.getBeanProvider(MeterRegistry.class).getIfAvailable();
    }
}
