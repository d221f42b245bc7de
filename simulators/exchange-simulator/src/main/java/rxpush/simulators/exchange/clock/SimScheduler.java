package rxpush.simulators.exchange.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the simulator's timed work (push deliveries, StatusEvents, retries, expiries, workload
 * ticks) at instants of the {@link SimClock}.
 *
 * <p>A driver thread starts every task that is due, each on its own virtual thread, so a slow
 * receiver delays only its own delivery. {@link #advance(Duration)} moves a manual clock step by
 * step to each due instant, starts what is due there and waits until that work (and whatever it
 * scheduled for the same instant) has finished before moving on; when it returns, everything due up
 * to the new time has run. Tasks must not call {@link #advance(Duration)} themselves.
 */
public final class SimScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimScheduler.class);
    private static final Duration QUIESCENCE_LIMIT = Duration.ofMinutes(5);

    /** A scheduled task that can be cancelled before it starts. */
    public interface Handle {
        void cancel();
    }

    private final SimClock clock;
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final AtomicLong sequence = new AtomicLong();
    private final ExecutorService workers;
    private final Object advancing = new Object();
    private final Thread driver;
    private int running;
    /** Running tasks by name (guarded by the lock), for {@link #outstanding}. */
    private final java.util.Map<String, Integer> runningNames = new java.util.HashMap<>();
    private volatile boolean closed;

    public SimScheduler(SimClock clock, String name) {
        this.clock = clock;
        this.workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name + "-task-", 0).factory());
        this.driver = Thread.ofPlatform().daemon().name(name + "-scheduler").start(this::drive);
    }

    public SimClock clock() {
        return clock;
    }

    public Handle schedule(Instant due, String name, Runnable work) {
        Task task = new Task(due, sequence.incrementAndGet(), name, work);
        lock.lock();
        try {
            queue.add(task);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        return () -> task.cancelled = true;
    }

    public Handle scheduleAfter(Duration delay, String name, Runnable work) {
        return schedule(clock.instant().plus(delay), name, work);
    }

    /**
     * Moves the clock forward by {@code by}, running every task due on the way at its own instant,
     * and returns once all of it (including work it scheduled within the range) has finished.
     */
    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward");
        }
        synchronized (advancing) {
            Instant target = clock.instant().plus(by);
            lock.lock();
            try {
                while (true) {
                    awaitQuiescence();
                    Task next = peekLive();
                    if (next == null || next.due.isAfter(target)) {
                        break;
                    }
                    clock.moveTo(next.due);
                }
                clock.moveTo(target);
                awaitQuiescence();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Waits until nothing is running and nothing is due; false when that did not happen in time. */
    public boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                startDue();
                if (idleNow()) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Tasks whose name passes the filter that are waiting or running (cancelled ones not counted): e.g.
     * deliveries still to be made, where {@link #pending()} also counts the recurring timers.
     */
    public int outstanding(java.util.function.Predicate<String> names) {
        lock.lock();
        try {
            int waiting = (int) queue.stream().filter(t -> !t.cancelled && names.test(t.name)).count();
            int busy = runningNames.entrySet().stream().filter(e -> names.test(e.getKey()))
                    .mapToInt(java.util.Map.Entry::getValue).sum();
            return waiting + busy;
        } finally {
            lock.unlock();
        }
    }

    /** Tasks waiting for their instant (cancelled ones may still be counted). */
    public int pending() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        closed = true;
        lock.lock();
        try {
            queue.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        driver.interrupt();
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drive() {
        lock.lock();
        try {
            while (!closed) {
                startDue();
                Task next = peekLive();
                if (next == null || clock.mode() == SimClock.Mode.MANUAL) {
                    changed.await();
                } else {
                    long nanos = clock.wallTimeUntil(next.due).toNanos();
                    if (nanos > 0) {
                        changed.awaitNanos(nanos);
                    }
                }
            }
        } catch (InterruptedException e) {
            // closing
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held. */
    private void awaitQuiescence() {
        long deadline = System.nanoTime() + QUIESCENCE_LIMIT.toNanos();
        try {
            while (true) {
                startDue();
                if (idleNow()) {
                    return;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("simulated work did not settle within " + QUIESCENCE_LIMIT);
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while advancing the simulated clock", e);
        }
    }

    private boolean idleNow() {
        Task next = peekLive();
        return running == 0 && (next == null || next.due.isAfter(clock.instant()));
    }

    /** Starts every task due now; called with the lock held. */
    private void startDue() {
        Instant now = clock.instant();
        Task task;
        while ((task = peekLive()) != null && !task.due.isAfter(now) && !closed) {
            queue.poll();
            running++;
            runningNames.merge(task.name, 1, Integer::sum);
            Task started = task;
            try {
                workers.execute(() -> run(started));
            } catch (RuntimeException rejected) {
                running--;
                runningNames.merge(task.name, -1, (a, b) -> a + b == 0 ? null : a + b);
                return;
            }
        }
    }

    private void run(Task task) {
        try {
            task.work.run();
        } catch (RuntimeException | Error e) {
            log.warn("simulated task {} failed", task.name, e);
        } finally {
            lock.lock();
            try {
                running--;
                runningNames.merge(task.name, -1, (a, b) -> a + b == 0 ? null : a + b);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private Task peekLive() {
        Task task;
        while ((task = queue.peek()) != null && task.cancelled) {
            queue.poll();
        }
        return task;
    }

    private static final class Task implements Comparable<Task> {
        final Instant due;
        final long sequence;
        final String name;
        final Runnable work;
        volatile boolean cancelled;

        Task(Instant due, long sequence, String name, Runnable work) {
            this.due = due;
            this.sequence = sequence;
            this.name = name;
            this.work = work;
        }

        @Override
        public int compareTo(Task other) {
            int byDue = due.compareTo(other.due);
            return byDue != 0 ? byDue : Long.compare(sequence, other.sequence);
        }
    }
}
