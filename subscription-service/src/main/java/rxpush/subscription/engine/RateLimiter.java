package rxpush.subscription.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket on the injected clock: the throttle budget of one protocol. Not thread-safe: the
 * {@link Dispatcher} calls it under its lock.
 */
final class RateLimiter {

    private final double perSecond;
    private final double burst;
    private double tokens;
    private Instant refilledAt;

    RateLimiter(double perSecond, Instant now) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive");
        }
        this.perSecond = perSecond;
        // A burst of one second's budget (at least one request), so an idle service starts at once.
        this.burst = Math.max(1, perSecond);
        this.tokens = burst;
        this.refilledAt = now;
    }

    /** Takes a token and answers null, or answers when the next token will be there. */
    Instant tryAcquire(Instant now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return null;
        }
        long waitNanos = (long) Math.ceil((1 - tokens) / perSecond * 1_000_000_000d);
        return now.plus(Duration.ofNanos(Math.max(1_000_000, waitNanos)));
    }

    private void refill(Instant now) {
        if (now.isAfter(refilledAt)) {
            double seconds = Duration.between(refilledAt, now).toNanos() / 1_000_000_000d;
            tokens = Math.min(burst, tokens + seconds * perSecond);
            refilledAt = now;
        }
    }
}
