package rxpush.simulators.exchange.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The simulator's clock: every timestamp, expiry, watermark age and retry delay is read from it.
 *
 * <p>In {@link Mode#MANUAL} it stands still until {@link SimScheduler#advance(Duration)} moves it, so
 * tests jump days ahead without sleeping. In {@link Mode#REAL_TIME} it follows the wall clock
 * (optionally faster, see {@code speed}) and can still be advanced. Only the scheduler moves it, so
 * scheduled work runs at the simulated instant it was due.
 */
public final class SimClock extends Clock {

    /** How the clock moves by itself. */
    public enum Mode {
        /** Never moves by itself; only {@link SimScheduler#advance(Duration)} moves it. */
        MANUAL,
        /** Follows the wall clock times {@code speed}. */
        REAL_TIME
    }

    private final Mode mode;
    private final double speed;
    private final Object lock = new Object();
    private Instant base;
    private long baseNanos;

    public SimClock(Mode mode, Instant start, double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("clock speed must be positive");
        }
        this.mode = mode;
        this.speed = speed;
        this.base = start;
        this.baseNanos = System.nanoTime();
    }

    public Mode mode() {
        return mode;
    }

    @Override
    public Instant instant() {
        synchronized (lock) {
            if (mode == Mode.MANUAL) {
                return base;
            }
            long elapsed = System.nanoTime() - baseNanos;
            return base.plusNanos((long) (elapsed * speed));
        }
    }

    /** Moves the clock to {@code target}; never backwards (time is monotonic for every reader). */
    void moveTo(Instant target) {
        synchronized (lock) {
            Instant now = instant();
            base = target.isAfter(now) ? target : now;
            baseNanos = System.nanoTime();
        }
    }

    /** Wall-clock time until {@code due} in this clock's speed; zero or negative when due. */
    Duration wallTimeUntil(Instant due) {
        Duration simulated = Duration.between(instant(), due);
        return mode == Mode.MANUAL ? simulated : Duration.ofNanos((long) (simulated.toNanos() / speed));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        // The simulator works in UTC throughout; a zoned view would not move with advance().
        throw new UnsupportedOperationException("the simulator clock is UTC only");
    }
}
