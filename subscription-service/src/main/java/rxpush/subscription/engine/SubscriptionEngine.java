package rxpush.subscription.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.LifecycleNotification;
import rxpush.common.contract.MailboxRegistration;
import rxpush.common.contract.Protocol;
import rxpush.common.contract.SubscriptionState;

/**
 * Keeps every owned mailbox subscribed: creates, renews, watches and recovers EWS and Graph
 * subscriptions, driven by events (registrations, signals, lifecycle notifications, admin requests)
 * and by a maintenance pass every process-interval.
 *
 * <p>It works only on partitions it was handed ({@link #adopt}) with a fenced {@link PartitionStore};
 * every Exchange/Graph call that creates or retires a subscription is preceded by a write through
 * that store, so an instance that lost a partition cannot act for it after the new owner fenced it.
 * All time comes from the {@link Scheduler}'s clock.
 */
public final class SubscriptionEngine {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionEngine.class);

    final EngineSettings settings;
    final Scheduler scheduler;
    final Clock clock;
    final EwsClient ews;
    final GraphClient graph;
    final Dispatcher dispatcher;
    final Progress progress;
    final Map<String, MailboxState> mailboxes = new ConcurrentHashMap<>();
    final Map<Integer, OwnedPartition> partitions = new ConcurrentHashMap<>();
    private final MailboxWork worker;
    private final Signals signals;
    private final Maintenance maintenance;
    private volatile boolean started;
    /** Where the engine reports what it does (meters); set once at wiring. */
    volatile EngineEvents events = EngineEvents.NONE;

    /**
     * @param executor runs actions (virtual threads in production; the caller's thread in tests)
     * @param ews      null when no EWS endpoint is configured
     * @param graph    null when no Graph app is configured
     */
    public SubscriptionEngine(EngineSettings settings, Scheduler scheduler, Executor executor, EwsClient ews,
            GraphClient graph) {
        this.settings = settings;
        this.scheduler = scheduler;
        this.clock = scheduler.clock();
        this.ews = ews;
        this.graph = graph;
        this.progress = new Progress(clock);
        this.dispatcher = new Dispatcher(scheduler, executor, settings.maxConcurrent(), settings.ewsPerSecond(),
                settings.graphPerSecond(), this::work);
        Actions actions = new Actions(this);
        this.worker = new MailboxWork(this, actions);
        this.signals = new Signals(this);
        this.maintenance = new Maintenance(this, actions);
    }

    /** Reports actions, missed heartbeats and resync requests to {@code events} from now on. */
    public void events(EngineEvents events) {
        this.events = events;
    }

    /** Starts the maintenance pass and the progress log. */
    public void start() {
        if (started) {
            return;
        }
        started = true;
        Instant now = clock.instant();
        scheduler.schedule(now.plus(settings.processInterval()), this::maintenancePass);
        scheduler.schedule(now.plus(settings.progressLogInterval()), this::progressLog);
    }

    public void stop() {
        started = false;
    }

    private void maintenancePass() {
        if (!started) {
            return;
        }
        try {
            maintenance.run();
        } finally {
            scheduler.schedule(clock.instant().plus(settings.processInterval()), this::maintenancePass);
        }
    }

    private void progressLog() {
        if (!started) {
            return;
        }
        progress.log();
        scheduler.schedule(clock.instant().plus(settings.progressLogInterval()), this::progressLog);
    }

    /** Runs one maintenance pass now (also what the timer runs every process-interval). */
    public void runMaintenance() {
        maintenance.run();
    }

    // ---- ownership ---------------------------------------------------------------------------

    /**
     * Takes over a partition: its registrations and the subscription records the previous owner left.
     * PENDING records are creations the previous owner did not finish: they are tombstoned (should
     * one exist at Exchange, ingress answers 404 and Exchange gives up; the orphan sweep deletes one
     * at Graph).
     *
     * @throws OwnershipLostException when the store was fenced meanwhile (nothing adopted)
     */
    public void adopt(int partition, long epoch, PartitionStore store, Collection<MailboxRegistration> registrations,
            Collection<SubscriptionState> states) {
        Instant now = clock.instant();
        OwnedPartition owned = new OwnedPartition(partition, epoch, new CountingStore(store, this));
        Adoption adoption = Adoption.of(partition, epoch, registrations, states, now);
        if (!adoption.retire().isEmpty() || !adoption.interrupted().isEmpty()) {
            store.write(new Batch(adoption.retire(), adoption.interrupted(), List.of()));
        }
        Map<String, MailboxState> adopted = adoption.mailboxes();
        long backlog = 0;
        for (MailboxState m : adopted.values()) {
            Signals.restore(m, now);
            if (m.desired() && !m.active()) {
                m.inProgressTotal = true;
                backlog++;
            }
        }
        owned.mailboxes.addAll(adopted.keySet());
        mailboxes.putAll(adopted);
        partitions.put(partition, owned);
        progress.add(backlog);
        log.info("Adopted partition {} (owner epoch {}): {} mailboxes, {} to subscribe", partition, epoch,
                adopted.size(), backlog);
        for (MailboxState m : adopted.values()) {
            reschedule(m);
        }
    }

    /**
     * Gives a partition up (revoked or lost): no new work starts for its mailboxes, in-flight work is
     * awaited (bounded by {@code waitMillis}), and its state is forgotten.
     */
    public void release(int partition, long waitMillis) {
        OwnedPartition owned = partitions.remove(partition);
        if (owned == null) {
            return;
        }
        owned.active = false;
        owned.mailboxes.forEach(dispatcher::cancel);
        owned.awaitIdle(waitMillis);
        owned.mailboxes.forEach(mailboxes::remove);
        log.info("Released partition {}", partition);
    }

    /** The store refused us: another instance owns the partition now. Stop at once. */
    void lost(int partition) {
        OwnedPartition owned = partitions.get(partition);
        if (owned != null && owned.active) {
            log.warn("Partition {} was taken over by another instance; its mailboxes are no longer worked here", partition);
            owned.active = false;
            owned.mailboxes.forEach(dispatcher::cancel);
        }
    }

    public Set<Integer> ownedPartitions() {
        return new TreeSet<>(partitions.keySet());
    }

    OwnedPartition owner(MailboxState m) {
        OwnedPartition owned = partitions.get(m.partition);
        return owned != null && owned.active ? owned : null;
    }

    // ---- events ------------------------------------------------------------------------------

    /** A registration of an owned partition changed (null: removed). */
    public void registration(int partition, String address, MailboxRegistration registration) {
        OwnedPartition owned = partitions.get(partition);
        if (owned == null || !owned.active) {
            return;
        }
        MailboxState m = mailboxes.computeIfAbsent(address, a -> new MailboxState(a, partition));
        owned.mailboxes.add(address);
        synchronized (m) {
            m.registration = registration;
            // A new wish is acted on at once, not after the previous failure's back-off.
            m.notBefore = null;
            m.attempts = 0;
            if (m.desired() && !m.active() && !m.inProgressTotal) {
                m.inProgressTotal = true;
                progress.add(1);
            }
        }
        reschedule(m);
    }

    /** A record from the signals or notifications topic of an owned partition. */
    public void signal(int partition, ChangeNotification notification) {
        signals.signal(partition, notification);
    }

    /** A checked Graph lifecycle notification of an owned partition. */
    public void lifecycle(int partition, LifecycleNotification notification) {
        signals.lifecycle(partition, notification);
    }

    /**
     * Asks the forwarder to resync the mailbox (admin). Empty when this instance does not own it;
     * otherwise completes when the RESYNC record is committed.
     */
    public Optional<java.util.concurrent.CompletableFuture<Void>> requestResync(String address, String reason) {
        MailboxState m = mailboxes.get(address);
        OwnedPartition owned = m == null ? null : owner(m);
        if (owned == null || m.protocol() == null) {
            return Optional.empty();
        }
        boolean parked;
        synchronized (m) {
            m.lastResyncAt = clock.instant();
            parked = m.parkedReason != null;
            if (parked) {
                // The operator says the cause is fixed: try the subscription now, not at the next pass.
                m.notBefore = null;
                m.attempts = 0;
            }
        }
        if (parked) {
            reschedule(m);
        }
        return Optional.of(owned.store.submit(Batch.of().withResync(
                StateBuilder.resync(address, m.protocol(), reason, clock.instant()))));
    }

    // ---- scheduling --------------------------------------------------------------------------

    /** Re-plans the mailbox and hands its next due time to the dispatcher. Never call holding m's lock. */
    void reschedule(MailboxState m) {
        Instant now = clock.instant();
        Planner.Plan plan;
        Protocol protocol;
        synchronized (m) {
            if (m.busy) {
                return;
            }
            plan = Planner.plan(m, now, settings.timing());
            m.nextAction = plan.kind();
            m.nextActionAt = plan.at();
            protocol = m.protocol();
        }
        if (plan.kind() == Planner.Kind.NONE || protocol == null || owner(m) == null) {
            dispatcher.cancel(m.address);
            return;
        }
        dispatcher.due(m.address, protocol, plan.at(), !plan.at().isAfter(now));
    }

    /** What the dispatcher runs for a due mailbox. */
    private void work(String address, boolean request) {
        worker.run(address, request);
    }

    // ---- status ------------------------------------------------------------------------------

    public Optional<MailboxStatus> status(String address) {
        MailboxState m = mailboxes.get(address);
        if (m == null) {
            return Optional.empty();
        }
        synchronized (m) {
            return Optional.of(MailboxStatus.of(m, clock.instant(), settings.timing()));
        }
    }

    /** Every owned mailbox's status, ordered by address. */
    public List<MailboxStatus> statuses() {
        Instant now = clock.instant();
        List<MailboxStatus> all = new ArrayList<>(mailboxes.size());
        for (MailboxState m : mailboxes.values()) {
            synchronized (m) {
                all.add(MailboxStatus.of(m, now, settings.timing()));
            }
        }
        all.sort(Comparator.comparing(MailboxStatus::address));
        return all;
    }

    /** The instance-wide summary. */
    public EngineStatus summary() {
        return EngineStatus.of(this);
    }

    /** Counts by protocol and state, and the earliest expiry (one pass; for meters and the status page). */
    public StateCounts counts() {
        return StateCounts.of(this);
    }

    /** How many mailboxes this instance works (cheap, for health checks). */
    public int mailboxCount() {
        return mailboxes.size();
    }

    boolean isOwned(String address) {
        MailboxState m = mailboxes.get(address);
        return m != null && owner(m) != null;
    }
}
