package rxpush.forwarder.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import rxpush.common.contract.Source;
import rxpush.common.kafka.FailureStage;

/**
 * The forwarder's meters ({@code rxpush.forwarder.*}). Replay and redrive count with the same meters
 * on a registry of their own, so their summaries and the live metrics mean the same thing.
 */
public final class ForwarderMetrics {

    /** Why a record or an item led to no request at RX. */
    public enum SkipReason {
        /** RX already has this version (same Idempotency-Key forwarded before). */
        ALREADY_APPLIED,
        /** RX holds a later version (known here, or RX answered 409). */
        STALE,
        /** Deleted in Exchange and never forwarded, or already deleted at RX. */
        NOT_FORWARDED,
        /** Free/busy data, a folder, a non-calendar item. */
        NOISE,
        /** A record type that asks the forwarder for nothing (STATUS, MISSED). */
        NOT_FOR_FORWARDER,
        /** An item of a RESYNC window that could not be read or mapped (logged; no record to dead-letter). */
        UNREADABLE
    }

    private final MeterRegistry registry;
    private final AtomicLong lag = new AtomicLong();
    private final AtomicLong parkedMailboxes = new AtomicLong();
    private final Counter read;
    private final Counter coalesced;
    private final Timer freshness;

    public ForwarderMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.read = Counter.builder("rxpush.forwarder.records").description("notification records processed")
                .register(registry);
        this.coalesced = Counter.builder("rxpush.forwarder.coalesced")
                .description("records answered by another record's fetch (same item, same batch)").register(registry);
        this.freshness = Timer.builder("rxpush.forwarder.freshness")
                .description("from the first notification of a change received to RX updated")
                .publishPercentiles(0.5, 0.99).percentilePrecision(2).publishPercentileHistogram().register(registry);
        Gauge.builder("rxpush.forwarder.lag", lag, AtomicLong::get)
                .description("records on assigned partitions not yet forwarded").register(registry);
        Gauge.builder("rxpush.forwarder.parked.mailboxes", parkedMailboxes, AtomicLong::get)
                .description("mailboxes Exchange or Graph refuses for now; their records wait").register(registry);
        // Registered up front so that alerts compare against zero rather than an absent series.
        for (FailureStage stage : FailureStage.values()) {
            registry.counter("rxpush.forwarder.dlt", "stage", stage.name().toLowerCase(java.util.Locale.ROOT));
        }
        for (Source source : Source.values()) {
            registry.counter("rxpush.forwarder.resyncs", "source", source.name());
        }
        for (SkipReason reason : SkipReason.values()) {
            registry.counter("rxpush.forwarder.skipped", "reason", reason.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /**
     * Reports {@code rxpush.forwarder.blocked{component}}: 1 while consumption is stopped because
     * ResourceXpress (the ApiKey) or Exchange (the credentials) rejects the forwarder, else 0.
     */
    public void watch(ForwarderStatus status) {
        for (var component : rxpush.forwarder.failure.ConfigurationFailure.Component.values()) {
            Gauge.builder("rxpush.forwarder.blocked", status, s -> s.blockedBy(component) ? 1 : 0)
                    .description("1 while forwarding is stopped because this component rejects the credentials")
                    .tag("component", component.name().toLowerCase(java.util.Locale.ROOT)).register(registry);
        }
    }

    /** One RESYNC of a mailbox's calendar window done (every booking read and settled). */
    void resyncDone(Source source) {
        registry.counter("rxpush.forwarder.resyncs", "source", source.name()).increment();
    }

    void read(int records) {
        read.increment(records);
    }

    void coalesced(int records) {
        coalesced.increment(records);
    }

    void pushed(String operation) {
        registry.counter("rxpush.forwarder.pushed", "operation", operation).increment();
    }

    void skipped(SkipReason reason) {
        registry.counter("rxpush.forwarder.skipped", "reason", reason.name().toLowerCase(java.util.Locale.ROOT))
                .increment();
    }

    void deadLettered(FailureStage stage) {
        registry.counter("rxpush.forwarder.dlt", "stage", stage.name().toLowerCase(java.util.Locale.ROOT)).increment();
    }

    /** One throttled answer (429/503) from Graph; {@code outcome}: retried in place, or paused the partition. */
    /** A record for a mailbox the registry does not hold: dropped without reading Exchange. */
    void unregistered() {
        registry.counter("rxpush.forwarder.unregistered").increment();
    }

    public void throttled(Source source, String outcome) {
        registry.counter("rxpush.forwarder.throttled", "source", source.name(), "outcome", outcome).increment();
    }

    /** One request to Exchange or Graph ({@code kind}: get-item, find-item, get-folder, ...). */
    /**
     * Exchange refused a whole mailbox (Graph's mailbox-level 404s): its work is retried, nothing is
     * deleted. The code is one of a few known ones, else "other", so the tag stays bounded.
     */
    public void mailboxUnavailable(Source source, String code) {
        String tag = switch (code == null ? "" : code) {
            case "ErrorInvalidUser", "MailboxNotEnabledForRESTAPI", "ResourceNotFound", "ErrorMailboxNotFound" -> code;
            default -> "other";
        };
        registry.counter("rxpush.forwarder.mailbox.unavailable", "source", source.name(), "code", tag).increment();
    }

    public void exchangeRequest(Source source, String kind) {
        registry.counter("rxpush.forwarder.fetches", "source", source.name(), "kind", kind).increment();
    }

    void freshness(Duration sinceReceived) {
        if (!sinceReceived.isNegative()) {
            freshness.record(sinceReceived);
        }
    }

    /** The parked count changed; {@code newlyParked}: a mailbox was parked (counted in rxpush.forwarder.parked). */
    void parked(int count, boolean newlyParked) {
        parkedMailboxes.set(count);
        if (newlyParked) {
            registry.counter("rxpush.forwarder.parked").increment();
        }
    }

    void lag(long records) {
        lag.set(records);
    }

    // Totals, for summaries and tests.

    public long parkedMailboxes() {
        return parkedMailboxes.get();
    }

    public long readTotal() {
        return (long) read.count();
    }

    public long coalescedTotal() {
        return (long) coalesced.count();
    }

    public long pushedTotal() {
        return sum("rxpush.forwarder.pushed");
    }

    public long skippedTotal(SkipReason reason) {
        Counter counter = registry.find("rxpush.forwarder.skipped")
                .tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT)).counter();
        return counter == null ? 0 : (long) counter.count();
    }

    public long unregisteredTotal() {
        Counter counter = registry.find("rxpush.forwarder.unregistered").counter();
        return counter == null ? 0 : (long) counter.count();
    }

    public long deadLetteredTotal() {
        return sum("rxpush.forwarder.dlt");
    }

    public long exchangeRequestsTotal() {
        return sum("rxpush.forwarder.fetches");
    }

    public Timer freshness() {
        return freshness;
    }

    public long lag() {
        return lag.get();
    }

    private long sum(String name) {
        return (long) registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }
}
