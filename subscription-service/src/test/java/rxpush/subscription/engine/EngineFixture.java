package rxpush.subscription.engine;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.ChangeType;
import rxpush.common.contract.LifecycleEvent;
import rxpush.common.contract.LifecycleNotification;
import rxpush.common.contract.MailboxRegistration;
import rxpush.common.contract.Protocol;
import rxpush.common.contract.SchemaVersions;
import rxpush.common.contract.Source;

/** An engine on a manual clock with in-memory Exchange, Graph and registry, owning partition 0. */
final class EngineFixture {

    static final Instant START = Instant.parse("2026-11-02T08:00:00Z");
    static final URI NOTIFY = URI.create("https://push.contoso.com/rx");
    static final Duration FREQUENCY = Duration.ofMinutes(5);
    static final Duration GRACE = Duration.ofMinutes(5);

    final ManualScheduler scheduler;
    final FakeGraph graph;
    final FakeEws ews;
    final FakeStore store = new FakeStore(0);
    final SubscriptionEngine engine;

    EngineFixture() {
        this(20, 20, 8);
    }

    EngineFixture(double ewsPerSecond, double graphPerSecond, int maxConcurrent) {
        this(START, ewsPerSecond, graphPerSecond, maxConcurrent);
    }

    /** A fixture whose clock starts at {@code start} (a next owner taking over later). */
    EngineFixture(Instant start) {
        this(start, 20, 20, 8);
    }

    EngineFixture(Instant start, double ewsPerSecond, double graphPerSecond, int maxConcurrent) {
        this(start, settings(ewsPerSecond, graphPerSecond, maxConcurrent));
    }

    EngineFixture(Instant start, EngineSettings settings) {
        scheduler = new ManualScheduler(start);
        graph = new FakeGraph(scheduler.clock(), URI.create(NOTIFY + "/graph/notifications"));
        ews = new FakeEws(scheduler.clock());
        engine = new SubscriptionEngine(settings, scheduler, Runnable::run, ews, graph);
    }

    /** A fixture whose maintenance pass also requests the periodic reconcile. */
    static EngineFixture reconciling(Duration interval, int maxPerPass) {
        EngineSettings d = settings(20, 20, 8);
        return new EngineFixture(START, new EngineSettings(d.ewsUrl(), d.graphNotificationUrl(), d.ewsStatusFrequency(),
                d.ewsStatusGrace(), d.graphLifetime(), d.graphRenewAfter(), d.processInterval(), d.maxConcurrent(),
                d.ewsPerSecond(), d.graphPerSecond(), d.obsoleteRetention(), d.statePersistInterval(),
                d.orphanSweepInterval(), d.progressLogInterval(), d.partitionOf(), interval, maxPerPass));
    }

    static EngineSettings settings(double ewsPerSecond, double graphPerSecond, int maxConcurrent) {
        return new EngineSettings(token -> URI.create(NOTIFY + "/ews/notifications/" + token),
                URI.create(NOTIFY + "/graph/notifications"), FREQUENCY, GRACE, Duration.ofMinutes(10_070),
                Duration.ofMinutes(10_070 / 2), Duration.ofMinutes(5), maxConcurrent, ewsPerSecond, graphPerSecond,
                Duration.ofDays(2), Duration.ofHours(1), Duration.ofHours(1), Duration.ofSeconds(10), address -> 0);
    }

    static MailboxRegistration graphBox(String address) {
        return MailboxRegistration.of(address, Protocol.GRAPH, true, START);
    }

    static MailboxRegistration ewsBox(String address) {
        return MailboxRegistration.of(address, Protocol.EWS, true, START);
    }

    /** Takes partition 0 with these registrations and whatever the registry holds, and starts. */
    EngineFixture adopt(MailboxRegistration... registrations) {
        engine.adopt(0, 7, store, List.of(registrations), new ArrayList<>(store.registry.values()));
        engine.start();
        return this;
    }

    Instant now() {
        return scheduler.now();
    }

    /** Every alive EWS subscription of the mailbox pushes a StatusEvent now, with a new watermark. */
    void pushStatus(String mailbox) {
        for (FakeEws.Sub sub : ews.alive(mailbox)) {
            engine.signal(0, signal(ChangeType.STATUS, mailbox, sub.id, ews.nextWatermark(sub.id), now()));
        }
    }

    static ChangeNotification signal(ChangeType type, String mailbox, String subscriptionId, String watermark, Instant at) {
        return new ChangeNotification(SchemaVersions.CURRENT, UUID.randomUUID().toString(), Source.EWS, mailbox,
                subscriptionId, type, type.isItemChange() ? "item-1" : null, null, null, watermark, null, at, at, null);
    }

    /** An EWS STATUS heartbeat as ingress writes it for one push: its PreviousWatermark and newest watermark. */
    static ChangeNotification push(String mailbox, String subscriptionId, String previousWatermark, String watermark,
            Instant at) {
        return new ChangeNotification(SchemaVersions.CURRENT, UUID.randomUUID().toString(), Source.EWS, mailbox,
                subscriptionId, ChangeType.STATUS, null, null, null, watermark, previousWatermark, at, at, null);
    }

    LifecycleNotification lifecycle(String id, String mailbox, String subscriptionId, LifecycleEvent event) {
        return new LifecycleNotification(SchemaVersions.CURRENT, id, mailbox, subscriptionId, event, null, now());
    }
}
