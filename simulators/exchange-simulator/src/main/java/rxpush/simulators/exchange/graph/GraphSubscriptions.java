package rxpush.simulators.exchange.graph;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import rxpush.simulators.exchange.calendar.CalendarStore;
import rxpush.simulators.exchange.calendar.JournalEntry;
import rxpush.simulators.exchange.calendar.Mailbox;
import rxpush.simulators.exchange.clock.SimScheduler;
import rxpush.simulators.exchange.control.Stats;

/**
 * Graph subscriptions on users' events: creation with the validation handshake on both URLs,
 * renewal, deletion, expiry on the simulator clock (silently, as Graph does), a
 * reauthorizationRequired lifecycle notification {@code reauthorizationLead} before expiry, and
 * change notifications (with duplicates at the configured rate) for every change of a subscribed
 * mailbox. subscriptionRemoved, missed and silent death are available on demand.
 */
public final class GraphSubscriptions implements CalendarStore.Listener {

    /** A subscription as /sim/subscriptions and the Java API show it. */
    public record SubscriptionView(String id, String resource, String mailbox, String changeType, String notificationUrl,
                                   String lifecycleNotificationUrl, Instant expirationDateTime, String state,
                                   boolean immutableIds, long notifications) {
    }

    /** A validated create request. */
    record Request(String resource, Mailbox mailbox, Set<String> changeTypes, String changeTypeText,
                   URI notificationUrl, URI lifecycleUrl, Instant expiration, String clientState,
                   boolean immutableIds) {
    }

    private final SimScheduler scheduler;
    private final Stats stats;
    private final HandshakeValidator validator;
    private final NotificationDelivery delivery;
    private final String tenantId;
    private final String applicationId;
    private final Duration reauthorizationLead;
    private final double duplicateRate;
    private final Random random;
    private final Map<String, GraphSubscription> byId = new ConcurrentHashMap<>();
    private final Map<Mailbox, List<GraphSubscription>> byMailbox = new ConcurrentHashMap<>();

    GraphSubscriptions(CalendarStore store, SimScheduler scheduler, Stats stats, HandshakeValidator validator,
                       NotificationDelivery delivery, String tenantId, String applicationId,
                       Duration reauthorizationLead, double duplicateRate, long seed) {
        this.scheduler = scheduler;
        this.stats = stats;
        this.validator = validator;
        this.delivery = delivery;
        this.tenantId = tenantId;
        this.applicationId = applicationId;
        this.reauthorizationLead = reauthorizationLead;
        this.duplicateRate = duplicateRate;
        this.random = new Random(seed ^ 0x6A09E667L);
        store.addListener(this);
    }

    String tenantId() {
        return tenantId;
    }

    Instant now() {
        return scheduler.clock().instant();
    }

    GraphSubscription create(Request request) {
        synchronized (this) {
            boolean duplicate = mailboxSubscriptions(request.mailbox()).stream().anyMatch(s -> s.active()
                    && s.notificationUrl.equals(request.notificationUrl()) && s.changeTypes.equals(request.changeTypes()));
            if (duplicate) {
                stats.increment("graph.subscriptions.conflicts");
                throw new GraphException(409, "ExtensionError", "Operation: Create; Exception: [Status Code: Conflict;"
                        + " Reason: A subscription for the same resource, change types and notification URL already"
                        + " exists.]");
            }
        }
        validate(request.notificationUrl());
        if (request.lifecycleUrl() != null && !request.lifecycleUrl().equals(request.notificationUrl())) {
            validate(request.lifecycleUrl());
        }
        GraphSubscription s = new GraphSubscription(UUID.randomUUID().toString(), request.resource(), request.mailbox(),
                request.changeTypes(), request.changeTypeText(), request.clientState(), request.notificationUrl(),
                request.lifecycleUrl(), request.expiration(), request.immutableIds(), applicationId, now());
        byId.put(s.id, s);
        mailboxSubscriptions(s.mailbox).removeIf(old -> !old.active());
        mailboxSubscriptions(s.mailbox).add(s);
        schedule(s);
        stats.increment("graph.subscriptions.created");
        return s;
    }

    /** PATCH: a new expiry (and optionally a new, validated notification URL). */
    GraphSubscription renew(String id, Instant expiration, URI notificationUrl) {
        GraphSubscription s = find(id);
        if (notificationUrl != null) {
            validate(notificationUrl);
        }
        synchronized (s) {
            if (s.state != GraphSubscription.State.ACTIVE) {
                throw notFound();
            }
            if (expiration != null) {
                s.expiration = expiration;
            }
            if (notificationUrl != null) {
                s.notificationUrl = notificationUrl;
            }
        }
        schedule(s);
        stats.increment("graph.subscriptions.renewed");
        return s;
    }

    void delete(String id) {
        GraphSubscription s = find(id);
        end(s, GraphSubscription.State.DELETED);
        stats.increment("graph.subscriptions.deleted");
    }

    /** POST /subscriptions/{id}/reauthorize: the next reauthorizationRequired is due again before expiry. */
    void reauthorize(String id) {
        schedule(find(id));
        stats.increment("graph.subscriptions.reauthorized");
    }

    GraphSubscription find(String id) {
        GraphSubscription s = id == null ? null : byId.get(id);
        if (s == null || !s.active()) {
            throw notFound();
        }
        return s;
    }

    List<GraphSubscription> active() {
        return byId.values().stream().filter(GraphSubscription::active)
                .sorted(Comparator.comparing((GraphSubscription s) -> s.created).thenComparing(s -> s.id)).toList();
    }

    @Override
    public void changed(Mailbox mailbox, List<JournalEntry> entries) {
        for (GraphSubscription s : byMailbox.getOrDefault(mailbox, List.of())) {
            if (!s.active()) {
                continue;
            }
            for (JournalEntry entry : entries) {
                String changeType = GraphNotifications.changeType(entry);
                if (changeType != null && s.changeTypes.contains(changeType)) {
                    notify(s, entry, changeType);
                }
            }
        }
    }

    private List<GraphSubscription> mailboxSubscriptions(Mailbox mailbox) {
        return byMailbox.computeIfAbsent(mailbox, k -> new java.util.concurrent.CopyOnWriteArrayList<>());
    }

    public List<SubscriptionView> subscriptions() {
        List<SubscriptionView> views = new ArrayList<>();
        for (GraphSubscription s : byId.values()) {
            synchronized (s) {
                views.add(new SubscriptionView(s.id, s.resource, s.mailbox.address(), s.changeTypeText,
                        s.notificationUrl.toString(), s.lifecycleUrl == null ? null : s.lifecycleUrl.toString(),
                        s.expiration, s.state.name(), s.immutableIds, s.notifications));
            }
        }
        views.sort(Comparator.comparing(SubscriptionView::id));
        return views;
    }

    /** Per notification endpoint: queue length and throttling state. */
    public List<Map<String, Object>> endpoints() {
        return delivery.endpoints();
    }

    /** Silent death: the subscriptions of {@code mailbox} (all when null) vanish without a word. */
    public int killSilently(String mailbox) {
        return forEach(mailbox, null, s -> end(s, GraphSubscription.State.KILLED), "graph.subscriptions.killed");
    }

    /** Graph removes the subscriptions and sends subscriptionRemoved to their lifecycle URL. */
    public int remove(String mailbox, String subscriptionId) {
        return forEach(mailbox, subscriptionId, s -> {
            end(s, GraphSubscription.State.REMOVED);
            lifecycle(s, "subscriptionRemoved");
        }, "graph.subscriptions.removed");
    }

    /** Notifications were lost: queued ones are dropped and a missed lifecycle event is sent. */
    public int missed(String mailbox, String subscriptionId) {
        return forEach(mailbox, subscriptionId, s -> {
            stats.add("graph.notifications.droppedMissed", delivery.dropPending(s.id));
            lifecycle(s, "missed");
        }, "graph.lifecycle.missedOnDemand");
    }

    /** Sends reauthorizationRequired now. */
    public int requireReauthorization(String mailbox, String subscriptionId) {
        return forEach(mailbox, subscriptionId, s -> lifecycle(s, "reauthorizationRequired"),
                "graph.lifecycle.reauthorizationOnDemand");
    }

    private int forEach(String mailbox, String subscriptionId, java.util.function.Consumer<GraphSubscription> action,
                        String counter) {
        Predicate<GraphSubscription> selected = s -> s.active()
                && (mailbox == null || s.mailbox.address().equalsIgnoreCase(mailbox))
                && (subscriptionId == null || s.id.equals(subscriptionId));
        List<GraphSubscription> chosen = byId.values().stream().filter(selected).toList();
        chosen.forEach(action);
        stats.add(counter, chosen.size());
        return chosen.size();
    }

    private void notify(GraphSubscription s, JournalEntry entry, String changeType) {
        Map<String, Object> json;
        synchronized (s) {
            json = GraphNotifications.change(s, entry, changeType, tenantId);
            s.notifications++;
        }
        delivery.enqueue(s.notificationUrl, "notifications", new NotificationDelivery.Pending(s.id, json));
        if (duplicate()) {
            stats.increment("graph.notifications.duplicates");
            delivery.enqueue(s.notificationUrl, "notifications", new NotificationDelivery.Pending(s.id, json));
        }
    }

    private void lifecycle(GraphSubscription s, String event) {
        if (s.lifecycleUrl == null) {
            stats.increment("graph.lifecycle.noUrl");
            return;
        }
        Map<String, Object> json;
        synchronized (s) {
            json = GraphNotifications.lifecycle(s, event, tenantId);
        }
        stats.increment("graph.lifecycle." + event);
        delivery.enqueue(s.lifecycleUrl, "lifecycle", new NotificationDelivery.Pending(s.id, json));
    }

    /** (Re)schedules expiry and the reauthorizationRequired notice for the current expiration. */
    private void schedule(GraphSubscription s) {
        long generation;
        Instant expiration;
        synchronized (s) {
            generation = ++s.generation;
            expiration = s.expiration;
        }
        scheduler.schedule(expiration, "graph-expiry", () -> {
            if (current(s, generation)) {
                end(s, GraphSubscription.State.EXPIRED);
                stats.increment("graph.subscriptions.expired");
            }
        });
        Instant notice = expiration.minus(reauthorizationLead);
        if (notice.isAfter(now())) {
            scheduler.schedule(notice, "graph-reauthorization", () -> {
                if (current(s, generation)) {
                    lifecycle(s, "reauthorizationRequired");
                }
            });
        }
    }

    private static boolean current(GraphSubscription s, long generation) {
        synchronized (s) {
            return s.state == GraphSubscription.State.ACTIVE && s.generation == generation;
        }
    }

    private static void end(GraphSubscription s, GraphSubscription.State state) {
        synchronized (s) {
            if (s.state == GraphSubscription.State.ACTIVE) {
                s.state = state;
                s.generation++;
            }
        }
    }

    private void validate(URI url) {
        stats.increment("graph.handshakes");
        if (!validator.validate(url)) {
            stats.increment("graph.handshakes.failed");
            throw new GraphException(400, "ValidationError", "Subscription validation request failed. Notification"
                    + " endpoint must respond with 200 OK to validation request.");
        }
    }

    private synchronized boolean duplicate() {
        return duplicateRate > 0 && random.nextDouble() < duplicateRate;
    }

    private static GraphException notFound() {
        return new GraphException(404, "ResourceNotFound", "The object was not found.");
    }
}
