package rxpush.subscription.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static rxpush.subscription.engine.EngineFixture.ewsBox;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import rxpush.common.contract.ChangeType;
import rxpush.common.contract.SubscriptionState;

/**
 * The first push of a new EWS subscription is checked against the watermark it started from: ingress
 * cannot see a gap there (it has no history for the subscription), the owner can.
 */
class EwsFirstPushTest {

    private static final String ROOM = "room.301@contoso.com";
    private final EngineFixture f = new EngineFixture();

    private SubscriptionState active() {
        return f.store.active(ROOM).orElseThrow();
    }

    /** Runs healthy for a while, then lets the watchdog replace a dead subscription from its watermark. */
    private String recoverFromWatermark() {
        f.adopt(ewsBox(ROOM));
        f.scheduler.advanceInSteps(Duration.ofMinutes(20), EngineFixture.FREQUENCY, () -> f.pushStatus(ROOM));
        SubscriptionState first = active();
        FakeEws.Sub sub = f.ews.subs.get(first.subscriptionId());
        String resumeFrom = "wm-" + sub.id + "-" + sub.watermarkSeq;
        f.ews.kill(first.subscriptionId());
        f.scheduler.advance(Duration.ofMinutes(15));
        assertThat(f.ews.calls).last().isEqualTo(ROOM + " from " + resumeFrom);
        assertThat(active().subscriptionId()).isNotEqualTo(first.subscriptionId());
        assertThat(f.store.resyncs).isEmpty();
        return resumeFrom;
    }

    /** One push; returns its newest watermark (what the next push names as its previous one). */
    private String push(String previousWatermark) {
        String id = active().subscriptionId();
        String watermark = f.ews.nextWatermark(id);
        f.engine.signal(0, EngineFixture.push(ROOM, id, previousWatermark, watermark, f.now()));
        return watermark;
    }

    @Test
    void aFirstPushThatRepeatsTheAnsweredWatermarkIsTrusted() {
        recoverFromWatermark();
        push(active().watermark());
        assertThat(f.store.resyncs).isEmpty();
    }

    @Test
    void aFirstPushThatRepeatsTheResumeWatermarkIsTrusted() {
        String resumedFrom = recoverFromWatermark();
        push(resumedFrom);
        assertThat(f.store.resyncs).isEmpty();
    }

    @Test
    void aLostFirstPushOfARecoveredSubscriptionRequestsOneResync() {
        recoverFromWatermark();
        String callsBefore = f.ews.calls.getLast();

        push(push("wm-somewhere-later"));

        assertThat(f.store.resyncs).singleElement().satisfies(r -> {
            assertThat(r.mailbox()).isEqualTo(ROOM);
            assertThat(r.changeType()).isEqualTo(ChangeType.RESYNC);
            assertThat(r.reason()).isEqualTo(FirstPush.GAP_REASON);
        });
        assertThat(f.ews.calls).as("a resync, not another subscription").last().isEqualTo(callsBefore);
        assertThat(f.engine.status(ROOM).orElseThrow().lastHeartbeatAt()).isEqualTo(f.now());
    }

    @Test
    void aLostFirstPushOfAFreshSubscriptionRequestsAResync() {
        f.adopt(ewsBox(ROOM));
        push("wm-not-the-answer");
        assertThat(f.store.resyncs).singleElement().satisfies(r -> assertThat(r.reason()).isEqualTo(FirstPush.GAP_REASON));
    }

    @Test
    void aPushWithoutPreviousWatermarkCannotBeJudgedAndEndsTheCheck() {
        f.adopt(ewsBox(ROOM));
        push(null);
        push("wm-after-the-first");
        assertThat(f.store.resyncs).isEmpty();
    }

    @Test
    void aFirstPushThatBeatTheSubscribeAnswerIsJudgedWhenTheSubscriptionBecomesActive() {
        f.ews.created = sub -> f.engine.signal(0,
                EngineFixture.push(ROOM, sub.id, "wm-lost-first", "wm-" + sub.id + "-1", f.now()));
        f.adopt(ewsBox(ROOM));

        assertThat(active().subscriptionId()).startsWith("ews-");
        assertThat(active().firstPushFrom()).as("judged").isNull();
        assertThat(f.store.backfills).as("the backfill written with the ACTIVE record covers the gap").hasSize(1);
        assertThat(f.store.resyncs).as("no second resync for the same window").isEmpty();
        assertThat(f.engine.status(ROOM).orElseThrow().lastHeartbeatAt()).isEqualTo(f.now());
    }

    @Test
    void anEarlyFirstPushThatFollowsTheAnswerIsTrusted() {
        f.ews.created = sub -> f.engine.signal(0,
                EngineFixture.push(ROOM, sub.id, "wm-" + sub.id + "-0", "wm-" + sub.id + "-1", f.now()));
        f.adopt(ewsBox(ROOM));
        push("wm-after-the-early-one");
        assertThat(f.store.resyncs).isEmpty();
    }

    /** A next owner taking over after Subscribe answered, before the first push arrived. */
    private EngineFixture takeOverBeforeTheFirstPush() {
        recoverFromWatermark();
        assertThat(active().firstPushFrom()).as("the expectation is in the record").hasSize(2);
        EngineFixture next = new EngineFixture(f.now());
        next.store.registry.putAll(f.store.registry);
        next.ews.subs.putAll(f.ews.subs);
        next.ews.knownWatermarks.addAll(f.ews.knownWatermarks);
        return next.adopt(ewsBox(ROOM));
    }

    private static String push(EngineFixture owner, String previousWatermark) {
        String id = owner.store.active(ROOM).orElseThrow().subscriptionId();
        String watermark = owner.ews.nextWatermark(id);
        owner.engine.signal(0, EngineFixture.push(ROOM, id, previousWatermark, watermark, owner.now()));
        return watermark;
    }

    @Test
    void aNewOwnerStillCatchesALostFirstPush() {
        EngineFixture next = takeOverBeforeTheFirstPush();

        push(next, push(next, "wm-somewhere-later"));

        assertThat(next.store.resyncs).singleElement().satisfies(r -> assertThat(r.reason()).isEqualTo(FirstPush.GAP_REASON));
        assertThat(next.store.active(ROOM).orElseThrow().firstPushFrom()).as("judged once, then cleared").isNull();
    }

    @Test
    void aNewOwnerTrustsAFirstPushThatFollows() {
        EngineFixture next = takeOverBeforeTheFirstPush();
        String answered = next.store.active(ROOM).orElseThrow().watermark();

        push(next, answered);

        assertThat(next.store.resyncs).isEmpty();
        SubscriptionState judged = next.store.active(ROOM).orElseThrow();
        assertThat(judged.firstPushFrom()).isNull();
        assertThat(judged.lastHeartbeatAt()).isEqualTo(next.now());
    }

    @Test
    void aJudgedFirstPushIsNotJudgedAgainByTheNextOwner() {
        recoverFromWatermark();
        push(active().watermark());
        EngineFixture next = new EngineFixture(f.now());
        next.store.registry.putAll(f.store.registry);
        next.ews.subs.putAll(f.ews.subs);
        next.adopt(ewsBox(ROOM));

        int calls = next.ews.calls.size();

        push(next, next.store.active(ROOM).orElseThrow().watermark());
        assertThat(next.store.resyncs).isEmpty();
        assertThat(next.ews.calls).as("the chain continues at the next owner").hasSize(calls);

        push(next, "wm-a-later-push-after-lost-ones");
        assertThat(next.store.resyncs).as("the first-push check is not repeated").isEmpty();
        assertThat(next.ews.calls).as("the broken chain is recovered from its last watermark").hasSize(calls + 1);
    }

    @Test
    void aGraphSubscriptionCarriesNoFirstPushExpectation() {
        f.adopt(EngineFixture.graphBox("room.302@contoso.com"));
        assertThat(f.store.active("room.302@contoso.com").orElseThrow().firstPushFrom()).isNull();
    }
}
