package rxpush.forwarder.exchange;

import java.time.Duration;

/**
 * Retries a throttled Graph request in place, as Microsoft's Graph SDKs do (their RetryHandler:
 * up to three retries, each after the Retry-After Graph gave).
 *
 * <p>Why in place: one record's work is many requests (an event per item, calendarView pages, the
 * occurrences of a series). Failing it on the first 429 throws away the requests that succeeded, and
 * under steady throttling an all-or-nothing retry of n requests succeeds with probability (1-p)^n: the
 * extended reliability run of 2026-12-03 (429 for 20 % of requests) held a Graph room's partition for
 * over five minutes that way, each failed attempt doubling the partition's back-off.
 *
 * <p>Budget: {@link #RETRIES} waits per request, each at most {@link #MAX_WAIT}. Past either, the
 * request fails as a {@link rxpush.forwarder.failure.TransientFailure} and the partition pauses (the
 * loop's back-off honours Retry-After), rather than holding a worker thread for long.
 */
final class ThrottleRetry {

    /** Waits one request may spend on throttling before it fails. */
    static final int RETRIES = 3;
    /** The longest Retry-After waited out in place; a longer one pauses the partition instead. */
    static final Duration MAX_WAIT = Duration.ofSeconds(10);

    /** How a retry waits: {@link Thread#sleep(Duration)} in production, recorded in tests. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Sleeper sleeper;

    ThrottleRetry(Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    static ThrottleRetry sleeping() {
        return new ThrottleRetry(Thread::sleep);
    }

    /**
     * Waits {@code retryAfter} and returns true when a request throttled after {@code retriesSoFar}
     * retries may be sent again; returns false, without waiting, when its budget is spent.
     */
    boolean waitToRetry(int retriesSoFar, Duration retryAfter) throws InterruptedException {
        if (retriesSoFar >= RETRIES || retryAfter.compareTo(MAX_WAIT) > 0) {
            return false;
        }
        sleeper.sleep(retryAfter);
        return true;
    }
}
