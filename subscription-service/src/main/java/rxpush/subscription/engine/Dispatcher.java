package rxpush.subscription.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import rxpush.common.contract.Protocol;

/**
 * Decides when each mailbox's next piece of work runs, within the bounds that keep rx-push a good
 * Exchange citizen: one due time per mailbox (so one action per mailbox at a time), at most
 * {@code maxConcurrent} requests in flight overall, a token-bucket budget per protocol, and a pause
 * of a whole protocol when Exchange or Graph asked rx-push to back off.
 *
 * <p>Work runs on the given executor (virtual threads in production, the calling thread in tests);
 * a finished action calls {@link #finished()}, which hands out the next due work.
 */
final class Dispatcher {

    /** {@code request}: the work calls Exchange/Graph and spends budget; otherwise it only re-plans. */
    private record Entry(Instant at, String mailbox, Protocol protocol, boolean request) {
    }

    private static final Comparator<Entry> ORDER = Comparator.comparing(Entry::at).thenComparing(Entry::mailbox);

    /** One protocol's queue of requests, its budget and its pause. */
    private static final class Lane {
        final TreeSet<Entry> queue = new TreeSet<>(ORDER);
        final RateLimiter budget;
        Instant pausedUntil = Instant.MIN;

        Lane(RateLimiter budget) {
            this.budget = budget;
        }
    }

    private final Scheduler scheduler;
    private final Executor executor;
    private final Work work;
    private final int maxConcurrent;
    private final Map<Protocol, Lane> lanes = new EnumMap<>(Protocol.class);
    /** Re-planning only (a deadline to look at again): neither budgeted nor paused. */
    private final TreeSet<Entry> checks = new TreeSet<>(ORDER);
    private final Map<String, Entry> byMailbox = new HashMap<>();
    private final Object lock = new Object();
    private final AtomicInteger wip = new AtomicInteger();
    private int inFlight;
    private Instant wakeAt;

    Dispatcher(Scheduler scheduler, Executor executor, int maxConcurrent, double ewsPerSecond, double graphPerSecond,
            Work work) {
        this.scheduler = scheduler;
        this.executor = executor;
        this.maxConcurrent = maxConcurrent;
        this.work = work;
        Instant now = scheduler.clock().instant();
        lanes.put(Protocol.EWS, new Lane(new RateLimiter(ewsPerSecond, now)));
        lanes.put(Protocol.GRAPH, new Lane(new RateLimiter(graphPerSecond, now)));
    }

    /** What runs a handed-out entry. */
    interface Work {
        void run(String mailbox, boolean request);
    }

    /**
     * Sets (or moves) the mailbox's next work to {@code at}; one entry per mailbox. {@code request}
     * says the work will call Exchange/Graph (budgeted, paused while throttled).
     */
    void due(String mailbox, Protocol protocol, Instant at, boolean request) {
        synchronized (lock) {
            remove(mailbox);
            Entry entry = new Entry(at, mailbox, protocol, request);
            (request ? lanes.get(protocol).queue : checks).add(entry);
            byMailbox.put(mailbox, entry);
        }
        pump();
    }

    /** Forgets the mailbox's pending work (mailbox released or gone). */
    void cancel(String mailbox) {
        synchronized (lock) {
            remove(mailbox);
        }
    }

    private void remove(String mailbox) {
        Entry old = byMailbox.remove(mailbox);
        if (old != null) {
            (old.request() ? lanes.get(old.protocol()).queue : checks).remove(old);
        }
    }

    /** Exchange or Graph said "slow down": nothing of that protocol starts before {@code until}. */
    void pause(Protocol protocol, Instant until) {
        synchronized (lock) {
            Lane lane = lanes.get(protocol);
            if (until.isAfter(lane.pausedUntil)) {
                lane.pausedUntil = until;
            }
        }
        pump();
    }

    Instant pausedUntil(Protocol protocol) {
        synchronized (lock) {
            return lanes.get(protocol).pausedUntil;
        }
    }

    int queued() {
        synchronized (lock) {
            return byMailbox.size();
        }
    }

    int inFlight() {
        synchronized (lock) {
            return inFlight;
        }
    }

    /** Called by every action when it ends, successful or not. */
    void finished() {
        synchronized (lock) {
            inFlight--;
        }
        pump();
    }

    /**
     * Hands out due work. A drain loop with a work-in-progress counter: a call while another thread
     * (or an outer call on this thread, with an inline executor) is draining only counts itself, and
     * the drainer goes round until no call is left unserved. Re-entrant calls never deepen the stack
     * and no request is lost between the drainer's last look and its exit.
     */
    void pump() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            for (Entry entry : takeDue()) {
                executor.execute(() -> work.run(entry.mailbox(), entry.request()));
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private List<Entry> takeDue() {
        List<Entry> due = new ArrayList<>();
        Instant wake = null;
        synchronized (lock) {
            Instant now = scheduler.clock().instant();
            while (inFlight < maxConcurrent && !checks.isEmpty()) {
                Entry first = checks.first();
                if (first.at().isAfter(now)) {
                    wake = first.at();
                    break;
                }
                checks.pollFirst();
                byMailbox.remove(first.mailbox());
                inFlight++;
                due.add(first);
            }
            boolean progress = true;
            // Round-robin over the protocols, one mailbox each turn, so one cannot starve the other.
            while (progress && inFlight < maxConcurrent) {
                progress = false;
                for (Lane lane : lanes.values()) {
                    if (inFlight >= maxConcurrent || lane.queue.isEmpty()) {
                        continue;
                    }
                    Entry first = lane.queue.first();
                    Instant ready = later(first.at(), lane.pausedUntil);
                    if (ready.isAfter(now)) {
                        wake = earlier(wake, ready);
                        continue;
                    }
                    Instant tokenAt = lane.budget.tryAcquire(now);
                    if (tokenAt != null) {
                        wake = earlier(wake, tokenAt);
                        continue;
                    }
                    lane.queue.pollFirst();
                    byMailbox.remove(first.mailbox());
                    inFlight++;
                    due.add(first);
                    progress = true;
                }
            }
            if (wake != null && (wakeAt == null || wake.isBefore(wakeAt) || !wakeAt.isAfter(now))) {
                wakeAt = wake;
            } else {
                wake = null;
            }
        }
        if (wake != null) {
            Instant at = wake;
            scheduler.schedule(at, () -> {
                synchronized (lock) {
                    if (at.equals(wakeAt)) {
                        wakeAt = null;
                    }
                }
                pump();
            });
        }
        return due;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }
}
