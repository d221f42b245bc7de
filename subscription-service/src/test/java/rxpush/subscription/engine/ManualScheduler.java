package rxpush.subscription.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import rxpush.testsupport.MutableClock;

/**
 * A {@link Scheduler} on a clock that only moves when the test says so: {@link #advance} runs every
 * task that falls due, in time order, moving the clock to each task's instant. Days pass in
 * milliseconds and nothing sleeps.
 */
final class ManualScheduler implements Scheduler {

    private record Task(Instant at, long seq, Runnable runnable) {
    }

    private final MutableClock clock;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.at().equals(b.at())
            ? Long.compare(a.seq(), b.seq()) : a.at().compareTo(b.at()));
    private long seq;

    ManualScheduler(Instant start) {
        clock = new MutableClock(start);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    Instant now() {
        return clock.instant();
    }

    @Override
    public synchronized void schedule(Instant at, Runnable task) {
        tasks.add(new Task(at.isBefore(clock.instant()) ? clock.instant() : at, seq++, task));
    }

    /** Runs everything due up to now + {@code by}, then leaves the clock there. */
    void advance(Duration by) {
        advanceTo(clock.instant().plus(by));
    }

    void advanceTo(Instant until) {
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.at().isAfter(until)) {
                    break;
                }
                tasks.poll();
            }
            moveTo(next.at());
            next.runnable().run();
        }
        moveTo(until);
    }

    private void moveTo(Instant at) {
        if (at.isAfter(clock.instant())) {
            clock.advance(Duration.between(clock.instant(), at));
        }
    }

    /** Moves the clock in steps, running due tasks, calling {@code check} after each step. */
    void advanceInSteps(Duration total, Duration step, Runnable check) {
        Instant end = clock.instant().plus(total);
        while (clock.instant().isBefore(end)) {
            Instant next = clock.instant().plus(step);
            advanceTo(next.isAfter(end) ? end : next);
            check.run();
        }
    }
}
