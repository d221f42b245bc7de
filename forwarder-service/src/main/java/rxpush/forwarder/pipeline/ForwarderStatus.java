package rxpush.forwarder.pipeline;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the consumer loop reports about itself, for health and diagnostics. Written by the loop
 * thread, read by actuator threads.
 */
public final class ForwarderStatus {

    private volatile String blockedBy;
    private volatile rxpush.forwarder.failure.ConfigurationFailure.Component blockedComponent;
    private volatile Map<String, Object> partitions = Map.of();
    private volatile String lastTransientFailure;
    private volatile Map<String, Object> parked = Map.of();
    private volatile boolean running;
    private final java.util.concurrent.atomic.AtomicInteger assignments = new java.util.concurrent.atomic.AtomicInteger();

    /** The configuration problem that stops consumption (one line for operators), if any. */
    public Optional<String> blockedBy() {
        return Optional.ofNullable(blockedBy);
    }

    public boolean running() {
        return running;
    }

    /** Per assigned partition: pending records and, while backing off, until when. */
    public Map<String, Object> partitions() {
        return partitions;
    }

    /** How many times partitions were assigned to this instance (a steady member: once). */
    public int assignments() {
        return assignments.get();
    }

    void assigned() {
        assignments.incrementAndGet();
    }

    /** Parked mailboxes: why (the fix), since when, next try. */
    public Map<String, Object> parked() {
        return parked;
    }

    void parked(Map<String, ParkedMailboxes.Parked> snapshot) {
        Map<String, Object> view = new TreeMap<>();
        snapshot.forEach((mailbox, p) -> view.put(mailbox, Map.of("reason", p.reason(), "since", p.since().toString(),
                "retryAt", p.retryAt().toString())));
        parked = java.util.Collections.unmodifiableMap(view);
    }

    public Optional<String> lastTransientFailure() {
        return Optional.ofNullable(lastTransientFailure);
    }

    /** Whether consumption is stopped because this component rejects the forwarder's credentials. */
    public boolean blockedBy(rxpush.forwarder.failure.ConfigurationFailure.Component component) {
        return blockedBy != null && blockedComponent == component;
    }

    void blocked(rxpush.forwarder.failure.ConfigurationFailure.Component component, String message) {
        blockedComponent = component;
        blockedBy = message;
    }

    void unblocked() {
        blockedBy = null;
        blockedComponent = null;
    }

    void running(boolean value) {
        running = value;
    }

    void partitions(Map<String, Object> snapshot) {
        partitions = java.util.Collections.unmodifiableMap(new TreeMap<>(snapshot));
    }

    void transientFailure(String message) {
        lastTransientFailure = message;
    }
}
