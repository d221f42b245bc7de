package rxpush.common.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with a cap and "equal jitter": attempt n waits between half and all of
 * {@code min(cap, initial * 2^n)}. Jitter keeps many workers that failed together from retrying
 * together; the lower half keeps waits from collapsing to zero.
 *
 * @param initial the first wait
 * @param cap     no wait is longer than this
 */
public record Backoff(Duration initial, Duration cap) {

    /** The forwarder's and the subscription service's default for transient failures: 1 s doubling to 60 s. */
    public static final Backoff TRANSIENT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    public Backoff {
        if (initial.isNegative() || initial.isZero() || cap.compareTo(initial) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < initial <= cap");
        }
    }

    /** The ceiling for the n-th retry (0-based), without jitter. */
    public Duration ceiling(int attempt) {
        int shift = Math.min(Math.max(attempt, 0), 30);
        long millis = initial.toMillis() << shift;
        return millis <= 0 || millis > cap.toMillis() ? cap : Duration.ofMillis(millis);
    }

    /** The wait before the n-th retry (0-based), jittered. */
    public Duration delay(int attempt) {
        long ceiling = ceiling(attempt).toMillis();
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    }

    /** The longer of the back-off and what the server asked for (Retry-After, BackOffMilliseconds). */
    public Duration delay(int attempt, Duration serverAsked) {
        Duration own = delay(attempt);
        return serverAsked != null && serverAsked.compareTo(own) > 0 ? serverAsked : own;
    }
}
