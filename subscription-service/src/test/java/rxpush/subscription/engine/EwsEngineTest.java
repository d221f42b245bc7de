package rxpush.subscription.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static rxpush.subscription.engine.EngineFixture.ewsBox;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import rxpush.common.contract.ChangeType;
import rxpush.common.contract.SecretHash;
import rxpush.common.contract.SubscriptionHealth;
import rxpush.common.contract.SubscriptionState;
import rxpush.common.contract.SubscriptionStatus;

/** EWS push subscriptions through the engine: subscribe, watchdog, recovery, throttling, removal. */
class EwsEngineTest {

    private static final String ROOM = "room.201@contoso.com";
    private final EngineFixture f = new EngineFixture();

    private SubscriptionState active() {
        return f.store.active(ROOM).orElseThrow();
    }

    private String tokenOf(URI url) {
        String path = url.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Keeps every alive subscription pushing a StatusEvent at the status frequency. */
    private void runHealthy(Duration total) {
        f.scheduler.advanceInSteps(total, EngineFixture.FREQUENCY, () -> f.pushStatus(ROOM));
    }

    @Test
    void writesPendingWithTheTokenHashBeforeSubscribingThenActiveWithTheWatermark() {
        List<SubscriptionState> atSubscribe = new ArrayList<>();
        List<URI> urls = new ArrayList<>();
        f.ews.beforeAnswer = url -> {
            urls.add(url);
            atSubscribe.addAll(f.store.of(ROOM));
        };

        f.adopt(ewsBox(ROOM));

        assertThat(urls).singleElement().satisfies(url ->
                assertThat(url.toString()).startsWith("https://push.contoso.com/rx/ews/notifications/"));
        String token = tokenOf(urls.get(0));
        assertThat(token).hasSizeGreaterThanOrEqualTo(22);
        assertThat(atSubscribe).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo(SubscriptionStatus.PENDING);
            assertThat(p.ingressTokenHash()).isEqualTo(SecretHash.hash(token));
        });
        SubscriptionState active = active();
        assertThat(active.subscriptionId()).startsWith("ews-");
        assertThat(active.watermark()).isNotNull();
        assertThat(active.ingressTokenHash()).isEqualTo(SecretHash.hash(token));
        assertThat(active.expiresAt()).isNull();
    }

    @Test
    void aSubscriptionThatKeepsReportingIsNeverReplaced() {
        f.adopt(ewsBox(ROOM));
        runHealthy(Duration.ofDays(3));
        assertThat(f.ews.calls).hasSize(1);
        assertThat(f.engine.status(ROOM).orElseThrow().health()).isEqualTo(SubscriptionHealth.HEALTHY);
    }

    @Test
    void aSilentSubscriptionIsReplacedFromItsWatermarkAndMarkedObsolete() {
        f.adopt(ewsBox(ROOM));
        runHealthy(Duration.ofHours(1));
        SubscriptionState first = active();
        FakeEws.Sub sub = f.ews.subs.get(first.subscriptionId());
        String lastWatermark = "wm-" + sub.id + "-" + sub.watermarkSeq;
        f.ews.kill(first.subscriptionId());

        f.scheduler.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertThat(f.ews.calls).hasSize(1);
        f.scheduler.advance(Duration.ofMinutes(5));

        assertThat(f.ews.calls).last().isEqualTo(ROOM + " from " + lastWatermark);
        assertThat(f.store.registry.get(first.id()).status()).isEqualTo(SubscriptionStatus.OBSOLETE);
        assertThat(active().subscriptionId()).isNotEqualTo(first.subscriptionId());
        assertThat(f.store.resyncs).as("replayed from the watermark: no resync needed").isEmpty();
    }

    @Test
    void aWatermarkOlderThanThirtyDaysMeansAFreshSubscriptionAndAResync() {
        f.adopt(ewsBox(ROOM));
        runHealthy(Duration.ofMinutes(30));
        // Exchange keeps pushing StatusEvents without events, so the watermark seen stays the first one.
        f.scheduler.advanceInSteps(Duration.ofDays(31), EngineFixture.FREQUENCY, () -> {
            for (FakeEws.Sub s : f.ews.alive(ROOM)) {
                f.engine.signal(0, EngineFixture.signal(ChangeType.STATUS, ROOM, s.id, null, f.now()));
            }
        });
        f.ews.kill(active().subscriptionId());

        f.scheduler.advance(Duration.ofMinutes(15));

        assertThat(f.ews.calls).last().isEqualTo(ROOM + " fresh");
        assertThat(f.store.resyncs).singleElement().satisfies(r -> assertThat(r.mailbox()).isEqualTo(ROOM));
    }

    @Test
    void anInvalidWatermarkMeansAFreshSubscriptionAndAResync() {
        f.adopt(ewsBox(ROOM));
        runHealthy(Duration.ofMinutes(30));
        f.ews.knownWatermarks.clear();
        f.ews.kill(active().subscriptionId());

        f.scheduler.advance(Duration.ofMinutes(15));

        assertThat(f.ews.calls).hasSize(3);
        assertThat(f.ews.calls.get(1)).contains(" from ");
        assertThat(f.ews.calls.get(2)).isEqualTo(ROOM + " fresh");
        assertThat(f.store.resyncs).hasSize(1);
        assertThat(f.store.withStatus(ROOM, SubscriptionStatus.ACTIVE)).hasSize(1);
        assertThat(f.store.withStatus(ROOM, SubscriptionStatus.PENDING)).isEmpty();
    }

    @Test
    void anErrorPushRecoversFromTheWatermarkBeforeItAndThenResyncs() {
        f.adopt(ewsBox(ROOM));
        runHealthy(Duration.ofMinutes(20));
        SubscriptionState first = active();
        FakeEws.Sub sub = f.ews.subs.get(first.subscriptionId());
        String beforeGap = "wm-" + sub.id + "-" + sub.watermarkSeq;
        f.scheduler.advance(Duration.ofMinutes(1));
        // An error push (ResponseClass="Error"), recorded by ingress as MISSED; Exchange repeats it.
        f.engine.signal(0, EngineFixture.signal(ChangeType.MISSED, ROOM, sub.id, null, f.now()));
        f.engine.signal(0, EngineFixture.signal(ChangeType.MISSED, ROOM, sub.id, null, f.now()));

        assertThat(f.ews.calls).hasSize(2).last().isEqualTo(ROOM + " from " + beforeGap);
        assertThat(f.store.registry.get(first.id()).status()).isEqualTo(SubscriptionStatus.OBSOLETE);
        assertThat(f.store.resyncs).as("the window Exchange said was lost is re-read").singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("error push"));
    }

    @Test
    void aBrokenWatermarkChainRecoversFromTheLastWatermarkBeforeTheGapWithoutResync() {
        f.adopt(ewsBox(ROOM));
        runHealthy(Duration.ofMinutes(20));
        SubscriptionState first = active();
        FakeEws.Sub sub = f.ews.subs.get(first.subscriptionId());
        String last = "wm-" + sub.id + "-" + sub.watermarkSeq;
        f.scheduler.advance(Duration.ofMinutes(1));
        // Two pushes that follow the chain, then one whose PreviousWatermark nobody saw.
        String next = f.ews.nextWatermark(sub.id);
        f.engine.signal(0, EngineFixture.push(ROOM, sub.id, last, next, f.now()));
        f.engine.signal(0, EngineFixture.push(ROOM, sub.id, last, next, f.now()));
        assertThat(f.ews.calls).as("a push repeated by Exchange is no gap").hasSize(1);
        String lost = f.ews.nextWatermark(sub.id);
        f.engine.signal(0, EngineFixture.push(ROOM, sub.id, lost, f.ews.nextWatermark(sub.id), f.now()));

        assertThat(f.ews.calls).hasSize(2).last().isEqualTo(ROOM + " from " + next);
        assertThat(f.store.registry.get(first.id()).status()).isEqualTo(SubscriptionStatus.OBSOLETE);
        assertThat(f.store.resyncs).as("resubscribing from the watermark replays what was lost").isEmpty();
    }

    @Test
    void aSubscribedMailboxGetsOneBackfillOfItsWindowVisibleInItsStatus() {
        f.adopt(ewsBox(ROOM));

        assertThat(f.store.backfills).singleElement().satisfies(r -> {
            assertThat(r.mailbox()).isEqualTo(ROOM);
            assertThat(r.changeType()).isEqualTo(ChangeType.RESYNC);
        });
        assertThat(f.engine.status(ROOM).orElseThrow().backfill()).isEqualTo("REQUESTED");
        runHealthy(Duration.ofHours(2));
        assertThat(f.store.backfills).as("once, not on every pass").hasSize(1);
    }

    @Test
    void missedForAnOlderSubscriptionIsIgnored() {
        f.adopt(ewsBox(ROOM));
        f.engine.signal(0, EngineFixture.signal(ChangeType.MISSED, ROOM, "ews-not-current", null, f.now()));
        assertThat(f.ews.calls).hasSize(1);
    }

    @Test
    void serverBusyPausesEwsForBackOffMilliseconds() {
        f.ews.faults = mailbox -> f.ews.calls.size() == 1
                ? ExchangeException.throttled("ErrorServerBusy", Duration.ofMillis(45_000)) : null;
        f.adopt(ewsBox(ROOM));
        assertThat(f.store.registry).isEmpty();
        f.engine.registration(0, "room.202@contoso.com", ewsBox("room.202@contoso.com"));

        f.scheduler.advance(Duration.ofSeconds(44));
        assertThat(f.ews.calls).hasSize(1);
        f.scheduler.advance(Duration.ofSeconds(2));
        assertThat(f.ews.calls).hasSize(3);
        assertThat(f.store.active(ROOM)).isPresent();
    }

    @Test
    void anEarlyStatusEventCountsForTheNewSubscription() {
        f.ews.beforeAnswer = url -> { };
        f.adopt(ewsBox(ROOM));
        SubscriptionState active = active();
        assertThat(f.engine.status(ROOM).orElseThrow().lastHeartbeatAt()).isNull();
        f.pushStatus(ROOM);
        assertThat(f.engine.status(ROOM).orElseThrow().lastHeartbeatAt()).isEqualTo(f.now());
        assertThat(active.status()).isEqualTo(SubscriptionStatus.ACTIVE);
    }

    @Test
    void removingAnEwsMailboxMarksItsSubscriptionObsoleteForIngress() {
        f.adopt(ewsBox(ROOM));
        SubscriptionState active = active();
        f.engine.registration(0, ROOM, null);
        assertThat(f.store.registry.get(active.id()).status()).isEqualTo(SubscriptionStatus.OBSOLETE);
        assertThat(f.ews.calls).hasSize(1);
    }

    @Test
    void heartbeatsAndWatermarksAreWrittenBackForTheNextOwner() {
        f.adopt(ewsBox(ROOM));
        runHealthy(Duration.ofHours(2));
        SubscriptionState persisted = active();
        assertThat(persisted.lastHeartbeatAt()).isAfter(EngineFixture.START.plus(Duration.ofMinutes(59)));
        assertThat(persisted.watermark()).isNotEqualTo("wm-" + persisted.subscriptionId() + "-0");

        EngineFixture next = new EngineFixture(f.now());
        next.store.registry.putAll(f.store.registry);
        next.ews.subs.putAll(f.ews.subs);
        next.ews.knownWatermarks.addAll(f.ews.knownWatermarks);
        f.ews.kill(persisted.subscriptionId());
        next.ews.kill(persisted.subscriptionId());
        next.adopt(ewsBox(ROOM));
        next.scheduler.advance(Duration.ofMinutes(9));
        assertThat(next.ews.calls).as("a full silence window after takeover").isEmpty();
        next.scheduler.advance(Duration.ofMinutes(6));
        assertThat(next.ews.calls).singleElement().isEqualTo(ROOM + " from " + persisted.watermark());
    }

    @Test
    void theRequestBudgetSpreadsABulkSubscription() {
        EngineFixture slow = new EngineFixture(10, 10, 4);
        var boxes = new ArrayList<rxpush.common.contract.MailboxRegistration>();
        for (int i = 0; i < 100; i++) {
            boxes.add(ewsBox("room." + i + "@contoso.com"));
        }
        slow.adopt(boxes.toArray(rxpush.common.contract.MailboxRegistration[]::new));
        slow.scheduler.advance(Duration.ofSeconds(5));
        long afterFive = slow.ews.calls.size();
        slow.scheduler.advance(Duration.ofSeconds(10));

        assertThat(afterFive).as("10/s with a burst of 10").isBetween(55L, 61L);
        assertThat(slow.ews.calls).hasSize(100);
        assertThat(slow.engine.summary().subscribeDone()).isEqualTo(100);
    }
}
