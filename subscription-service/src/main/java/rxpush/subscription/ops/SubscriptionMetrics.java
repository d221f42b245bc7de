package rxpush.subscription.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import rxpush.common.contract.Protocol;
import rxpush.subscription.engine.EngineEvents;
import rxpush.subscription.engine.StateCounts;
import rxpush.subscription.engine.SubscriptionEngine;
import rxpush.subscription.engine.SyncState;

/**
 * The subscription service's meters ({@code rxpush.subscription.*}; docs/operations.md lists them).
 * Low cardinality by design: tags are protocol, state, action and outcome, never a mailbox. The state
 * gauges read one {@link StateCounts} pass, reused for a second so that one scrape counts once.
 */
public final class SubscriptionMetrics implements EngineEvents {

    private static final Duration REUSE = Duration.ofSeconds(1);

    private final MeterRegistry registry;
    private final SubscriptionEngine engine;
    private final Clock clock;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private volatile StateCounts counts;
    private volatile Instant countedAt = Instant.MIN;

    public SubscriptionMetrics(MeterRegistry registry, SubscriptionEngine engine, Clock clock) {
        this.registry = registry;
        this.engine = engine;
        this.clock = clock;
        for (Protocol protocol : Protocol.values()) {
            for (SyncState state : SyncState.values()) {
                Gauge.builder("rxpush.subscription.mailboxes", () -> counts().count(protocol, state))
                        .description("mailboxes owned by this instance, by protocol and state")
                        .tags("protocol", protocol.name(), "state", state.name()).register(registry);
            }
            Gauge.builder("rxpush.subscription.earliest.expiry", () -> secondsToEarliestExpiry(protocol))
                    .description("time until the earliest expiry of an active subscription (NaN when none expires)")
                    .baseUnit("seconds").tags("protocol", protocol.name()).register(registry);
            // Registered up front so dashboards and alerts see zeros rather than absent series.
            for (String action : new String[] {"create", "recover", "recreate"}) {
                counter("rxpush.subscription.creations", protocol, "action", action, "outcome", "ok");
            }
            counter("rxpush.subscription.renewals", protocol, "outcome", "ok");
            counter("rxpush.subscription.removals", protocol, "outcome", "ok");
            counter("rxpush.subscription.resyncs.requested", protocol);
        }
        counter("rxpush.subscription.heartbeats.missed", Protocol.EWS);
        Gauge.builder("rxpush.subscription.reconcile.done", () -> counts().backlogDone())
                .description("mailboxes of the current subscribe backlog (start-up, takeover, bulk add) done")
                .register(registry);
        Gauge.builder("rxpush.subscription.reconcile.backlog", () -> counts().backlogTotal())
                .description("size of the current subscribe backlog").register(registry);
        engine.events(this);
    }

    @Override
    public void action(String action, Protocol protocol, String outcome) {
        switch (action) {
            case "renew" -> counter("rxpush.subscription.renewals", protocol, "outcome", outcome).increment();
            case "remove" -> counter("rxpush.subscription.removals", protocol, "outcome", outcome).increment();
            default -> counter("rxpush.subscription.creations", protocol, "action", action, "outcome", outcome)
                    .increment();
        }
    }

    @Override
    public void heartbeatMissed(Protocol protocol) {
        counter("rxpush.subscription.heartbeats.missed", protocol).increment();
    }

    @Override
    public void resyncRequested(Protocol protocol) {
        counter("rxpush.subscription.resyncs.requested", protocol).increment();
    }

    /** The counts of at most a second ago (one pass over the mailboxes per scrape, not per gauge). */
    StateCounts counts() {
        Instant now = clock.instant();
        StateCounts current = counts;
        if (current == null || now.isAfter(countedAt.plus(REUSE)) || now.isBefore(countedAt)) {
            current = engine.counts();
            counts = current;
            countedAt = now;
        }
        return current;
    }

    private double secondsToEarliestExpiry(Protocol protocol) {
        Instant earliest = counts().earliestExpiry().get(protocol);
        return earliest == null ? Double.NaN : Duration.between(clock.instant(), earliest).toMillis() / 1000d;
    }

    private Counter counter(String name, Protocol protocol, String... tags) {
        String key = name + "|" + protocol + "|" + String.join("|", tags);
        return counters.computeIfAbsent(key, k -> Counter.builder(name).tag("protocol", protocol.name())
                .tags(tags).register(registry));
    }

}
