package rxpush.simulators.exchange.control;

import java.time.Duration;
import java.util.Random;

/**
 * Fault switches that can be flipped while the simulator runs (REST under /sim/faults or the Java
 * API). Rates are probabilities per request or per delivery; 0 switches a fault off.
 */
public final class Faults {

    /**
     * The switches; in an update, null fields are left as they are.
     *
     * @param ewsBusyRate       share of EWS requests answered with ErrorServerBusy
     * @param ewsBackOff        BackOffMilliseconds in those answers
     * @param graphThrottleRate share of Graph requests answered with 429
     * @param graphRetryAfter   Retry-After of those answers
     * @param dropPushRate      share of pushes and notification POSTs silently lost
     * @param apiLatency        extra latency of every EWS and Graph answer (wall clock)
     */
    public record State(Double ewsBusyRate, Duration ewsBackOff, Double graphThrottleRate,
                        Duration graphRetryAfter, Double dropPushRate, Duration apiLatency) {
    }

    private final Random random;
    private volatile State state;

    public Faults(State initial, long seed) {
        this.random = new Random(seed);
        validate(initial);
        this.state = initial;
    }

    public State state() {
        return state;
    }

    /** Applies the non-null fields of {@code update}. */
    public synchronized State update(State update) {
        State current = state;
        State next = new State(
                update.ewsBusyRate() != null ? update.ewsBusyRate() : current.ewsBusyRate(),
                update.ewsBackOff() != null ? update.ewsBackOff() : current.ewsBackOff(),
                update.graphThrottleRate() != null ? update.graphThrottleRate() : current.graphThrottleRate(),
                update.graphRetryAfter() != null ? update.graphRetryAfter() : current.graphRetryAfter(),
                update.dropPushRate() != null ? update.dropPushRate() : current.dropPushRate(),
                update.apiLatency() != null ? update.apiLatency() : current.apiLatency());
        validate(next);
        state = next;
        return next;
    }

    public boolean ewsBusyNow() {
        return roll(state.ewsBusyRate());
    }

    public boolean graphThrottledNow() {
        return roll(state.graphThrottleRate());
    }

    public boolean dropPushNow() {
        return roll(state.dropPushRate());
    }

    /** Sleeps for the configured API latency (a real delay: it exists to test client timeouts). */
    public void applyLatency() {
        Duration latency = state.apiLatency();
        if (!latency.isZero()) {
            try {
                Thread.sleep(latency);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private synchronized boolean roll(double rate) {
        return rate > 0 && random.nextDouble() < rate;
    }

    private static void validate(State state) {
        rate("ewsBusyRate", state.ewsBusyRate());
        rate("graphThrottleRate", state.graphThrottleRate());
        rate("dropPushRate", state.dropPushRate());
        positive("ewsBackOff", state.ewsBackOff());
        positive("graphRetryAfter", state.graphRetryAfter());
        if (state.apiLatency() == null || state.apiLatency().isNegative()
                || state.apiLatency().compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("apiLatency must be between 0 and 5 minutes");
        }
    }

    private static void rate(String name, Double value) {
        if (value == null || value < 0 || value > 1) {
            throw new IllegalArgumentException(name + " must be between 0 and 1");
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }
}
