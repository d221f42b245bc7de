package rxpush.subscription.engine;

import java.time.Clock;
import java.time.Instant;

/**
 * Runs short tasks at an instant of the injected {@link Clock}. Production runs them on a timer
 * thread; tests drive a manual implementation that jumps the clock forward, so days of subscription
 * life pass in milliseconds without sleeping.
 */
public interface Scheduler {

    /** The clock every decision of the engine reads. */
    Clock clock();

    /** Runs {@code task} once, at or soon after {@code at} (immediately when it is past). */
    void schedule(Instant at, Runnable task);
}
