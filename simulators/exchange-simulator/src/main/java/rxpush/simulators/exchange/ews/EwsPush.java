package rxpush.simulators.exchange.ews;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import rxpush.simulators.exchange.calendar.CalendarStore;
import rxpush.simulators.exchange.calendar.ItemIds;
import rxpush.simulators.exchange.calendar.JournalEntry;
import rxpush.simulators.exchange.calendar.Mailbox;
import rxpush.simulators.exchange.clock.SimScheduler;
import rxpush.simulators.exchange.control.Faults;
import rxpush.simulators.exchange.control.Stats;

/**
 * EWS push delivery as Exchange does it: a StatusEvent right after Subscribe and whenever a
 * subscription was idle for StatusFrequency, changes pushed as they happen (several events per POST,
 * chained by PreviousWatermark), at most one POST in flight per subscription. An {@code OK} answer
 * acknowledges, {@code Unsubscribe} ends the subscription; any other outcome is retried after 30 s,
 * then doubling, until StatusFrequency has passed since the first failure, after which the
 * subscription is dead. All timing runs on the simulator clock.
 */
public final class EwsPush implements CalendarStore.Listener {

    /** Longest wall-clock wait of a first push for Subscribe's answer to be sent. */
    private static final Duration FIRST_PUSH_HOLD = Duration.ofSeconds(10);

    /**
     * @param firstRetry               first retry delay after a failed push
     * @param responseTimeout          wall-clock wait for a listener's answer
     * @param maxEventsPerNotification events per POST
     * @param batchWindow              how long events gather before a POST
     * @param maxConcurrentDeliveries  POSTs in flight at once
     */
    public record Settings(Duration firstRetry, Duration responseTimeout, int maxEventsPerNotification,
                           Duration batchWindow, int maxConcurrentDeliveries) {
    }

    /** A subscription as /sim/subscriptions and the Java API show it. */
    public record SubscriptionView(String id, String mailbox, String url, String state, long statusFrequencyMinutes,
                                   List<String> eventTypes, Instant created, Instant lastSuccess, long posts,
                                   long failures, String lastOutcome) {
    }

    private final CalendarStore store;
    private final SimScheduler scheduler;
    private final Stats stats;
    private final Faults faults;
    private final Settings settings;
    private final PushSender sender;
    private final Map<String, PushSubscription> byId = new ConcurrentHashMap<>();
    private final ErrorPushes errorPushes;
    private final Map<UUID, List<PushSubscription>> byMailbox = new ConcurrentHashMap<>();
    /** Per budget key, so that counting a caller's live subscriptions does not scan them all. */
    private final Map<String, List<PushSubscription>> byBudget = new ConcurrentHashMap<>();

    public EwsPush(CalendarStore store, SimScheduler scheduler, Stats stats, Faults faults, Settings settings) {
        this.store = store;
        this.scheduler = scheduler;
        this.stats = stats;
        this.faults = faults;
        this.settings = settings;
        this.sender = new PushSender(settings.responseTimeout(), settings.maxConcurrentDeliveries());
        this.errorPushes = new ErrorPushes(this, scheduler, stats, sender);
        store.addListener(this);
    }

    Instant now() {
        return scheduler.clock().instant();
    }

    /** Registers a subscription, refusing it past the caller's subscription budget. */
    synchronized PushSubscription register(PushSubscription.Builder request, int maxPerCaller) {
        List<PushSubscription> callers = byBudget.computeIfAbsent(request.budgetKey(), k -> new ArrayList<>());
        callers.removeIf(s -> {
            synchronized (s) {
                return !s.active();
            }
        });
        if (callers.size() >= maxPerCaller) {
            throw new EwsError("ErrorExceededSubscriptionCount",
                    "You have exceeded the maximum number of subscriptions allowed.");
        }
        PushSubscription subscription = request.build(newId(request.mailbox()), scheduler.clock().instant());
        byId.put(subscription.id, subscription);
        callers.add(subscription);
        byMailbox.computeIfAbsent(subscription.mailbox.guid(), k -> new CopyOnWriteArrayList<>()).add(subscription);
        stats.increment("ews.subscriptions.created");
        return subscription;
    }

    /**
     * Starts delivery: replayed events if the Subscribe carried an older watermark, else a StatusEvent.
     * The delivery is scheduled at once, at the creation instant, so the scheduler counts it and no
     * {@code advance} can pass it by; it is held until the returned release runs (once Subscribe's
     * answer was sent), because Exchange answers Subscribe before it sends the first notification.
     */
    Runnable start(PushSubscription subscription) {
        CountDownLatch answered = new CountDownLatch(1);
        scheduler.scheduleAfter(Duration.ZERO, "ews-first-push", () -> {
            if (awaitAnswer(answered)) {
                deliver(subscription, true);
            }
        });
        return answered::countDown;
    }

    /** False when the simulator is closing; bounded so a lost release cannot stall the clock. */
    private static boolean awaitAnswer(CountDownLatch answered) {
        try {
            answered.await(FIRST_PUSH_HOLD.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void changed(Mailbox mailbox, List<JournalEntry> entries) {
        for (PushSubscription subscription : byMailbox.getOrDefault(mailbox.guid(), List.of())) {
            if (subscription.active() && entries.stream().anyMatch(subscription::wants)) {
                requestDelivery(subscription);
            }
        }
    }

    public List<SubscriptionView> subscriptions() {
        List<SubscriptionView> views = new ArrayList<>();
        for (PushSubscription s : byId.values()) {
            synchronized (s) {
                views.add(new SubscriptionView(s.id, s.mailbox.address(), s.url.toString(), s.state.name(),
                        s.statusFrequency.toMinutes(), List.copyOf(s.eventTypes), s.created, s.lastSuccess, s.posts,
                        s.failures, s.lastOutcome));
            }
        }
        views.sort(java.util.Comparator.comparing(SubscriptionView::created).thenComparing(SubscriptionView::id));
        return views;
    }

    /**
     * Silent death: the server forgets the subscriptions of {@code mailbox} (all when null) without
     * telling anyone; no further pushes or StatusEvents. Returns how many died.
     */
    public int killSilently(String mailbox) {
        int killed = 0;
        for (PushSubscription s : byId.values()) {
            synchronized (s) {
                if (s.active() && (mailbox == null || s.mailbox.address().equalsIgnoreCase(mailbox))) {
                    s.state = PushSubscription.State.KILLED;
                    s.lastOutcome = "killed";
                    killed++;
                }
            }
        }
        stats.add("ews.subscriptions.killed", killed);
        return killed;
    }

    /** Error codes {@link #pushError} can send, with Exchange's message texts. */
    public static final Map<String, String> ERROR_PUSHES = ErrorPushes.CODES;

    /**
     * Exchange lost events of the active subscriptions of {@code mailbox} (all when null) and says so
     * with a push whose ResponseClass is Error ({@link ErrorPushes}). Returns how many subscriptions get one.
     */
    public int pushError(String mailbox, String code, boolean withNotification) {
        return errorPushes.push(mailbox, code, withNotification);
    }

    private void requestDelivery(PushSubscription s) {
        synchronized (s) {
            if (!s.active() || s.scheduled || s.inFlight || s.failing()) {
                return;
            }
            s.scheduled = true;
        }
        scheduler.scheduleAfter(settings.batchWindow(), "ews-push", () -> deliver(s, false));
    }

    private void deliver(PushSubscription s, boolean status) {
        PushBatch batch;
        synchronized (s) {
            s.scheduled = false;
            if (!s.active() || s.inFlight) {
                return;
            }
            batch = PushBatch.next(s, status, settings.maxEventsPerNotification(), scheduler.clock().instant());
            if (batch == null) {
                return;
            }
            s.inFlight = true;
        }
        Outcome outcome = send(s, batch);
        synchronized (s) {
            s.inFlight = false;
            if (s.state == PushSubscription.State.KILLED) {
                return;
            }
            switch (outcome) {
                case DELIVERED, DROPPED -> acknowledged(s, batch);
                case UNSUBSCRIBED -> {
                    s.state = PushSubscription.State.UNSUBSCRIBED;
                    s.lastOutcome = "unsubscribe";
                }
                case FAILED -> failed(s);
            }
        }
        if (outcome == Outcome.DELIVERED || outcome == Outcome.DROPPED) {
            if (s.mailbox.journal().head() > batch.position()) {
                requestDelivery(s);
            }
        }
    }

    private Outcome send(PushSubscription s, PushBatch batch) {
        String body = NotificationXml.build(s.version, s.id, batch.previousWatermark(), batch.more(), batch.events(),
                batch.statusWatermark());
        stats.increment("ews.push.posts");
        stats.add("ews.push.events", batch.events().size());
        if (batch.events().isEmpty()) {
            stats.increment("ews.push.statusEvents");
        }
        if (faults.dropPushNow()) {
            stats.increment("ews.push.dropped");
            return Outcome.DROPPED;
        }
        PushAnswer answer = sender.post(s.url, body);
        stats.increment("ews.push.answer." + answer.name().toLowerCase(java.util.Locale.ROOT));
        return switch (answer) {
            case OK -> Outcome.DELIVERED;
            case UNSUBSCRIBE -> Outcome.UNSUBSCRIBED;
            case INVALID -> Outcome.FAILED;
        };
    }

    /** Called with the subscription's lock held. */
    void acknowledged(PushSubscription s, PushBatch batch) {
        s.position = batch.position();
        s.lastWatermark = batch.lastWatermark();
        s.lastSuccess = scheduler.clock().instant();
        s.firstFailure = null;
        s.retryDelay = null;
        s.posts++;
        s.lastOutcome = "ok";
        long generation = ++s.statusGeneration;
        scheduler.schedule(s.lastSuccess.plus(s.statusFrequency), "ews-status", () -> statusDue(s, generation));
    }

    /** Called with the subscription's lock held. */
    void failed(PushSubscription s) {
        Instant now = scheduler.clock().instant();
        s.failures++;
        s.lastOutcome = "failed";
        s.statusGeneration++;
        if (s.firstFailure == null) {
            s.firstFailure = now;
            s.retryDelay = settings.firstRetry();
        } else {
            s.retryDelay = s.retryDelay.multipliedBy(2);
        }
        Instant next = now.plus(s.retryDelay);
        if (next.isAfter(s.firstFailure.plus(s.statusFrequency))) {
            s.state = PushSubscription.State.DEAD;
            s.lastOutcome = "dead";
            stats.increment("ews.subscriptions.dead");
            return;
        }
        stats.increment("ews.push.retries");
        scheduler.schedule(next, "ews-retry", () -> deliver(s, true));
    }

    private void statusDue(PushSubscription s, long generation) {
        synchronized (s) {
            if (generation != s.statusGeneration || !s.active() || s.failing()) {
                return;
            }
        }
        deliver(s, true);
    }

    private static String newId(Mailbox mailbox) {
        return ItemIds.subscriptionId(mailbox.guid(), UUID.randomUUID());
    }

    Collection<PushSubscription> all() {
        return byId.values();
    }

    private enum Outcome {
        DELIVERED, DROPPED, UNSUBSCRIBED, FAILED
    }

    static Set<String> knownEventTypes() {
        return Set.of("CopiedEvent", "CreatedEvent", "DeletedEvent", "ModifiedEvent", "MovedEvent", "NewMailEvent",
                "FreeBusyChangedEvent");
    }
}
