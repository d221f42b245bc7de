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

    /**
     * Mailbox-level Graph errors that can be injected per mailbox: every Graph request for that
     * user answers 404 with this code, which is not an item's absence. ErrorInvalidUser ("The
     * requested user is invalid") and MailboxNotEnabledForRESTAPI (KB 4462988:
     * https://learn.microsoft.com/en-us/exchange/troubleshoot/user-and-shared-mailboxes/rest-api-is-not-yet-supported-for-this-mailbox-error;
     * also a new mailbox's first minutes and an unlicensed or soft-deleted one).
     */
    public static final java.util.Map<String, String> MAILBOX_ERRORS = java.util.Map.of(
            "ErrorInvalidUser", "The requested user '%s' is invalid.",
            "MailboxNotEnabledForRESTAPI", "The mailbox is either inactive, soft-deleted, or is hosted on-premise.");

    private final Random random;
    private final java.util.Map<String, String> mailboxErrors = new java.util.concurrent.ConcurrentHashMap<>();
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

    /** Makes every Graph request for {@code address} answer 404 {@code code} (one of {@link #MAILBOX_ERRORS}). */
    public void failMailbox(String address, String code) {
        if (!MAILBOX_ERRORS.containsKey(code)) {
            throw new IllegalArgumentException("mailbox error must be one of " + new java.util.TreeSet<>(MAILBOX_ERRORS.keySet()));
        }
        mailboxErrors.put(address.toLowerCase(java.util.Locale.ROOT), code);
    }

    /** Ends the mailbox-level error of {@code address} (null: of every mailbox). */
    public void clearMailbox(String address) {
        if (address == null) {
            mailboxErrors.clear();
        } else {
            mailboxErrors.remove(address.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** The mailbox-level Graph error code injected for {@code address}, or null. */
    public String mailboxError(String address) {
        return mailboxErrors.get(address.toLowerCase(java.util.Locale.ROOT));
    }

    /** Every injected mailbox-level error, by address. */
    public java.util.Map<String, String> mailboxErrors() {
        return java.util.Map.copyOf(mailboxErrors);
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
