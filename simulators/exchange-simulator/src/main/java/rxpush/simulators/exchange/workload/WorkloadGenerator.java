package rxpush.simulators.exchange.workload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import rxpush.simulators.exchange.calendar.Bookings;
import rxpush.simulators.exchange.calendar.BookingSpec;
import rxpush.simulators.exchange.calendar.CalendarStore;
import rxpush.simulators.exchange.calendar.ItemView;
import rxpush.simulators.exchange.calendar.Mailbox;
import rxpush.simulators.exchange.calendar.OccurrenceType;
import rxpush.simulators.exchange.calendar.Recurrence;
import rxpush.simulators.exchange.clock.SimScheduler;
import rxpush.simulators.exchange.control.Stats;

/**
 * Creates, updates, moves and cancels bookings across all mailboxes at a configured rate of changes
 * per simulated second (including recurring series, their exceptions and deleted occurrences). It
 * runs on the simulator clock: with a manual clock, advancing by a minute at rate 2 makes 120
 * changes. Every change carries the store's next sequence number.
 */
public final class WorkloadGenerator {

    /**
     * @param rate            changes per simulated second
     * @param tick            how often the generator runs
     * @param initialBookings bookings created per mailbox by {@link #seedInitialBookings()}
     * @param createWeight    relative weight of creates
     * @param updateWeight    relative weight of updates
     * @param moveWeight      relative weight of moves to another room
     * @param cancelWeight    relative weight of cancellations
     * @param seriesShare     share of creates that are recurring series
     * @param seriesEditWeight relative weight of series edits ({@link SeriesWorkload})
     */
    public record Settings(double rate, Duration tick, int initialBookings, double createWeight, double updateWeight,
                           double moveWeight, double cancelWeight, double seriesShare, double seriesEditWeight) {

        public Settings(double rate, Duration tick, int initialBookings, double createWeight, double updateWeight,
                        double moveWeight, double cancelWeight, double seriesShare) {
            this(rate, tick, initialBookings, createWeight, updateWeight, moveWeight, cancelWeight, seriesShare, 0);
        }
    }

    private enum Kind {
        CREATE, UPDATE, MOVE, CANCEL, SERIES_EDIT
    }

    private final CalendarStore store;
    private final Bookings bookings;
    private final SimScheduler scheduler;
    private final Stats stats;
    private final Settings settings;
    private final Random random;
    private final SeriesWorkload series;
    private double rate;
    private double carry;
    private long generation;
    private boolean running;

    public WorkloadGenerator(CalendarStore store, Bookings bookings, SimScheduler scheduler, Stats stats,
                             Settings settings, long seed) {
        this.store = store;
        this.bookings = bookings;
        this.scheduler = scheduler;
        this.stats = stats;
        this.settings = settings;
        this.random = new Random(seed ^ 0x5DEECE66DL);
        this.series = new SeriesWorkload(bookings, this::nextInt);
        this.rate = settings.rate();
    }

    /** Starts generating at the configured rate. */
    public void start() {
        start(rate);
    }

    /** Starts (or re-rates) generation at {@code changesPerSecond}. */
    public synchronized void start(double changesPerSecond) {
        if (!(changesPerSecond > 0)) {
            throw new IllegalArgumentException("the rate must be positive");
        }
        rate = changesPerSecond;
        running = true;
        long current = ++generation;
        scheduler.scheduleAfter(settings.tick(), "workload", () -> tick(current));
    }

    public synchronized void stop() {
        running = false;
        generation++;
    }

    public synchronized boolean running() {
        return running;
    }

    public synchronized double rate() {
        return rate;
    }

    /**
     * Creates the configured number of bookings in every mailbox (at start-up, before any
     * subscription): every third one is a series, the others singles.
     */
    public void seedInitialBookings() {
        for (Mailbox mailbox : store.mailboxes()) {
            for (int i = 0; i < settings.initialBookings(); i++) {
                if (i % 3 == 2) {
                    series.create(mailbox, store.clock().instant());
                } else {
                    bookings.create(mailbox.address(), BookingSpec.random());
                }
            }
        }
    }

    /** Makes {@code changes} random changes now; returns the sequence number of the last one. */
    public long step(int changes) {
        for (int i = 0; i < changes; i++) {
            try {
                change();
            } catch (java.util.NoSuchElementException raced) {
                // Another change removed the picked booking first; the next change picks again.
                stats.increment("workload.raced");
            }
        }
        return store.lastSequence();
    }

    private void tick(long expected) {
        int count;
        synchronized (this) {
            if (!running || expected != generation) {
                return;
            }
            double due = rate * settings.tick().toNanos() / 1e9 + carry;
            count = (int) due;
            carry = due - count;
            scheduler.scheduleAfter(settings.tick(), "workload", () -> tick(expected));
        }
        step(count);
    }

    private void change() {
        List<Mailbox> mailboxes = store.mailboxes();
        Mailbox mailbox = mailboxes.get(nextInt(mailboxes.size()));
        List<ItemView> items = mailbox.calendarItems();
        Kind kind = items.isEmpty() ? Kind.CREATE : pick();
        if (kind == Kind.MOVE && mailboxes.size() < 2) {
            kind = Kind.UPDATE;
        }
        switch (kind) {
            case CREATE -> create(mailbox);
            case UPDATE -> update(items.get(nextInt(items.size())));
            case MOVE -> {
                ItemView item = items.get(nextInt(items.size()));
                Mailbox target = mailboxes.get((mailbox.index() + 1 + nextInt(mailboxes.size() - 1)) % mailboxes.size());
                bookings.move(item.ewsId(), target.address());
            }
            case CANCEL -> cancel(items.get(nextInt(items.size())));
            case SERIES_EDIT -> stats.increment("workload.series." + series.edit(mailbox, store.clock().instant())
                    .name().toLowerCase(java.util.Locale.ROOT));
        }
        stats.increment("workload." + kind.name().toLowerCase(java.util.Locale.ROOT));
    }

    private void create(Mailbox mailbox) {
        if (chance(settings.seriesShare())) {
            series.create(mailbox, store.clock().instant());
        } else {
            bookings.create(mailbox.address(), BookingSpec.random());
        }
    }

    private void update(ItemView item) {
        if (item.type() == OccurrenceType.SERIES_MASTER && item.series() != null && item.series().first() != null
                && chance(0.5)) {
            List<ItemView.OccurrenceRef> candidates = new ArrayList<>();
            candidates.add(item.series().first());
            candidates.add(item.series().last());
            bookings.updateOccurrence(candidates.get(nextInt(candidates.size())).ewsId(), BookingSpec.random());
            return;
        }
        bookings.update(item.ewsId(), BookingSpec.random());
    }

    private void cancel(ItemView item) {
        if (item.type() == OccurrenceType.SERIES_MASTER && item.series() != null && item.series().last() != null
                && !item.series().first().equals(item.series().last()) && chance(0.5)) {
            bookings.cancelOccurrence(item.series().last().ewsId());
            return;
        }
        bookings.cancel(item.ewsId());
    }

    private Kind pick() {
        double total = settings.createWeight() + settings.updateWeight() + settings.moveWeight() + settings.cancelWeight()
                + settings.seriesEditWeight();
        double roll = nextDouble() * total;
        if ((roll -= settings.seriesEditWeight()) < 0) {
            return Kind.SERIES_EDIT;
        }
        if ((roll -= settings.createWeight()) < 0) {
            return Kind.CREATE;
        }
        if ((roll -= settings.updateWeight()) < 0) {
            return Kind.UPDATE;
        }
        return roll - settings.moveWeight() < 0 ? Kind.MOVE : Kind.CANCEL;
    }

    synchronized int nextInt(int bound) {
        return random.nextInt(bound);
    }

    private synchronized double nextDouble() {
        return random.nextDouble();
    }

    private boolean chance(double probability) {
        return probability > 0 && nextDouble() < probability;
    }
}
