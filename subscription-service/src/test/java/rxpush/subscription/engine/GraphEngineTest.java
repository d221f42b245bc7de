package rxpush.subscription.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static rxpush.subscription.engine.EngineFixture.graphBox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import rxpush.common.contract.ChangeType;
import rxpush.common.contract.LifecycleEvent;
import rxpush.common.contract.MailboxRegistration;
import rxpush.common.contract.Protocol;
import rxpush.common.contract.SecretHash;
import rxpush.common.contract.SubscriptionHealth;
import rxpush.common.contract.SubscriptionState;
import rxpush.common.contract.SubscriptionStatus;

/** Graph subscriptions through the engine, on a manual clock with an in-memory Graph and registry. */
class GraphEngineTest {

    private static final String ROOM = "room.101@contoso.com";
    private final EngineFixture f = new EngineFixture();

    private SubscriptionState active() {
        return f.store.active(ROOM).orElseThrow();
    }

    @Test
    void writesPendingWithTheClientStateHashBeforeGraphIsAskedThenActive() {
        List<SubscriptionState> atCreate = new ArrayList<>();
        f.graph.beforeCreate = mailbox -> atCreate.addAll(f.store.of(mailbox));

        f.adopt(graphBox(ROOM));

        assertThat(atCreate).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo(SubscriptionStatus.PENDING);
            assertThat(p.clientStateHash()).isNotBlank();
            assertThat(p.ownerEpoch()).isEqualTo(7);
        });
        FakeGraph.Sub atGraph = f.graph.subs.values().iterator().next();
        SubscriptionState active = active();
        assertThat(active.id()).isEqualTo(atCreate.get(0).id());
        assertThat(active.subscriptionId()).isEqualTo(atGraph.id);
        assertThat(SecretHash.matches(atGraph.clientState, active.clientStateHash())).isTrue();
        assertThat(active.expiresAt()).isEqualTo(f.now().plus(Duration.ofMinutes(10_070)));
        assertThat(f.store.resyncs).isEmpty();
        assertThat(f.engine.status(ROOM).orElseThrow().nextAction()).isEqualTo("RENEW");
    }

    @Test
    void theNotificationUrlCarriesASecretTokenWhoseHashIsInTheRecord() {
        f.adopt(graphBox(ROOM));

        String token = f.graph.createdUrlTokens.getFirst();
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(SecretHash.matches(token, active().ingressTokenHash())).isTrue();
        assertThat(active().ingressTokenHash()).isNotEqualTo(active().clientStateHash());
    }

    @Test
    void aRecreatedSubscriptionGetsAFreshClientStateAndUrlToken() {
        f.adopt(graphBox(ROOM));
        String id = active().subscriptionId();
        f.graph.drop(id);

        f.engine.lifecycle(0, f.lifecycle("n-r", ROOM, id, LifecycleEvent.SUBSCRIPTION_REMOVED));

        assertThat(f.graph.createdClientStates).hasSize(2).doesNotHaveDuplicates();
        assertThat(f.graph.createdUrlTokens).hasSize(2).doesNotHaveDuplicates();
        assertThat(SecretHash.matches(f.graph.createdClientStates.getLast(), active().clientStateHash())).isTrue();
        assertThat(SecretHash.matches(f.graph.createdUrlTokens.getLast(), active().ingressTokenHash())).isTrue();
    }

    @Test
    void fiftyMissedVariantsCauseOneResyncAndOneMoreAfterTheInterval() {
        f.adopt(graphBox(ROOM));
        String id = active().subscriptionId();
        // the backfill requested with the new subscription is a RESYNC too: start past its interval
        f.scheduler.advance(Signals.MIN_RESYNC_INTERVAL.plusSeconds(1));

        for (int i = 0; i < 50; i++) {
            f.engine.lifecycle(0, f.lifecycle("missed-" + i, ROOM, id, LifecycleEvent.MISSED));
            f.scheduler.advance(Duration.ofSeconds(2));
        }
        assertThat(f.store.resyncs).hasSize(1);

        // the variants that arrived within the interval are coalesced into one RESYNC at its end
        f.scheduler.advance(Signals.MIN_RESYNC_INTERVAL.plusMinutes(5));
        assertThat(f.store.resyncs).hasSize(2);
        f.scheduler.advance(Duration.ofHours(1));
        assertThat(f.store.resyncs).hasSize(2);
    }

    @Test
    void aFreshClientStateForEverySubscription() {
        f.adopt(graphBox(ROOM), graphBox("room.102@contoso.com"));
        assertThat(f.graph.subs.values()).extracting(s -> s.clientState).doesNotHaveDuplicates().hasSize(2);
    }

    @Test
    void renewsAtHalfLifeAndKeepsRenewing() {
        f.adopt(graphBox(ROOM));
        Instant firstExpiry = active().expiresAt();

        f.scheduler.advance(Duration.ofMinutes(10_070 / 2).minusMinutes(1));
        assertThat(f.graph.count("renew")).isZero();
        f.scheduler.advance(Duration.ofMinutes(2));
        assertThat(f.graph.count("renew")).isEqualTo(1);
        assertThat(active().expiresAt()).isAfter(firstExpiry);

        f.scheduler.advance(Duration.ofDays(30));
        assertThat(f.graph.count("renew")).isBetween(8L, 9L);
        assertThat(f.graph.count("create")).isEqualTo(1);
        assertThat(f.graph.live(ROOM)).hasSize(1);
    }

    @Test
    void aFailedRenewalIsRetriedWithBackOffAndMarksTheSubscriptionDegraded() {
        f.adopt(graphBox(ROOM));
        int[] failures = {10};
        f.graph.faults = op -> op.startsWith("renew") && failures[0]-- > 0
                ? ExchangeException.of(ExchangeException.Kind.TRANSIENT, "HTTP 500") : null;

        f.scheduler.advance(Duration.ofMinutes(10_070 / 2 + 1));
        assertThat(active().health()).isEqualTo(SubscriptionHealth.DEGRADED);
        assertThat(f.engine.status(ROOM).orElseThrow().lastError()).isEqualTo("HTTP 500");
        f.scheduler.advance(Duration.ofMinutes(15));

        assertThat(f.graph.count("renew")).isEqualTo(11);
        List<Instant> renewTimes = new ArrayList<>();
        for (int i = 0; i < f.graph.calls.size(); i++) {
            if (f.graph.calls.get(i).startsWith("renew")) {
                renewTimes.add(f.graph.callTimes.get(i));
            }
        }
        for (int i = 1; i < renewTimes.size(); i++) {
            Duration gap = Duration.between(renewTimes.get(i - 1), renewTimes.get(i));
            assertThat(gap).as("back-off is capped at 60 s").isLessThanOrEqualTo(Duration.ofSeconds(61));
            assertThat(gap).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        }
        assertThat(active().health()).isEqualTo(SubscriptionHealth.HEALTHY);
        assertThat(f.graph.count("create")).isEqualTo(1);
    }

    @Test
    void notFoundOnRenewRecreatesAndRequestsAResync() {
        f.adopt(graphBox(ROOM));
        SubscriptionState first = active();
        f.graph.drop(first.subscriptionId());

        f.scheduler.advance(Duration.ofMinutes(10_070 / 2 + 1));

        SubscriptionState second = active();
        assertThat(second.subscriptionId()).isNotEqualTo(first.subscriptionId());
        assertThat(f.store.registry.get(first.id()).status()).isEqualTo(SubscriptionStatus.OBSOLETE);
        assertThat(f.store.resyncs).singleElement().satisfies(r -> {
            assertThat(r.changeType()).isEqualTo(ChangeType.RESYNC);
            assertThat(r.mailbox()).isEqualTo(ROOM);
        });
        assertThat(f.graph.live(ROOM)).extracting(s -> s.id).containsExactly(second.subscriptionId());
    }

    @Test
    void reauthorizationRequiredRenewsOnceEvenWhenRepeated() {
        f.adopt(graphBox(ROOM));
        String id = active().subscriptionId();

        f.engine.lifecycle(0, f.lifecycle("n-1", ROOM, id, LifecycleEvent.REAUTHORIZATION_REQUIRED));
        f.engine.lifecycle(0, f.lifecycle("n-1", ROOM, id, LifecycleEvent.REAUTHORIZATION_REQUIRED));
        f.scheduler.advance(Duration.ofSeconds(1));
        f.engine.lifecycle(0, f.lifecycle("n-1", ROOM, id, LifecycleEvent.REAUTHORIZATION_REQUIRED));

        assertThat(f.graph.count("renew")).isEqualTo(1);
        assertThat(active().health()).isEqualTo(SubscriptionHealth.HEALTHY);
        assertThat(f.store.resyncs).as("the time Graph may have held notifications back is re-read, once")
                .singleElement().satisfies(r -> assertThat(r.reason()).contains("reauthorized"));
    }

    @Test
    void subscriptionRemovedRecreatesAndResyncsOnce() {
        f.adopt(graphBox(ROOM));
        String id = active().subscriptionId();
        f.graph.drop(id);

        f.engine.lifecycle(0, f.lifecycle("n-2", ROOM, id, LifecycleEvent.SUBSCRIPTION_REMOVED));
        f.engine.lifecycle(0, f.lifecycle("n-3", ROOM, id, LifecycleEvent.SUBSCRIPTION_REMOVED));
        f.scheduler.advance(Duration.ofSeconds(1));
        f.engine.lifecycle(0, f.lifecycle("n-4", ROOM, id, LifecycleEvent.SUBSCRIPTION_REMOVED));

        assertThat(f.graph.count("create")).isEqualTo(2);
        assertThat(f.store.resyncs).hasSize(1);
        assertThat(active().subscriptionId()).isNotEqualTo(id);
    }

    @Test
    void missedRequestsOneResyncWithoutTouchingTheSubscription() {
        f.adopt(graphBox(ROOM));
        String id = active().subscriptionId();
        // later than the backfill (which would cover it) by more than the minimum interval between RESYNCs
        f.scheduler.advance(Signals.MIN_RESYNC_INTERVAL.plusSeconds(1));

        f.engine.lifecycle(0, f.lifecycle("n-5", ROOM, id, LifecycleEvent.MISSED));
        f.engine.lifecycle(0, f.lifecycle("n-5", ROOM, id, LifecycleEvent.MISSED));

        assertThat(f.store.resyncs).singleElement().satisfies(r -> assertThat(r.reason()).contains("missed"));
        assertThat(f.graph.count("create")).isEqualTo(1);
        assertThat(f.graph.count("renew")).isZero();
    }

    @Test
    void lifecycleEventsForAReplacedSubscriptionAreIgnored() {
        f.adopt(graphBox(ROOM));
        f.engine.lifecycle(0, f.lifecycle("n-6", ROOM, "some-old-id", LifecycleEvent.SUBSCRIPTION_REMOVED));
        f.engine.lifecycle(0, f.lifecycle("n-7", ROOM, "some-old-id", LifecycleEvent.MISSED));
        assertThat(f.graph.count("create")).isEqualTo(1);
        assertThat(f.store.resyncs).isEmpty();
    }

    @Test
    void throttlingPausesGraphForRetryAfter() {
        f.graph.faults = op -> op.equals("create " + ROOM) && f.graph.count("create " + ROOM) == 1
                ? ExchangeException.throttled("429", Duration.ofSeconds(90)) : null;
        f.adopt(graphBox(ROOM));
        Instant throttledAt = f.now();
        assertThat(f.store.active(ROOM)).isEmpty();
        assertThat(f.store.registry).isEmpty();

        f.engine.registration(0, "room.102@contoso.com", graphBox("room.102@contoso.com"));
        f.scheduler.advance(Duration.ofSeconds(89));
        assertThat(f.graph.calls).hasSize(1);

        f.scheduler.advance(Duration.ofSeconds(2));
        assertThat(f.graph.callTimes.subList(1, f.graph.callTimes.size()))
                .allSatisfy(t -> assertThat(t).isAfterOrEqualTo(throttledAt.plusSeconds(90)));
        assertThat(f.store.active(ROOM)).isPresent();
        assertThat(f.store.active("room.102@contoso.com")).isPresent();
    }

    @Test
    void aPermanentFailureIsRetriedAtTheProcessIntervalAndShownInTheStatus() {
        f.graph.faults = op -> op.startsWith("create") && f.graph.count("create") <= 2
                ? ExchangeException.of(ExchangeException.Kind.PERMANENT, "404 user not found") : null;
        f.adopt(graphBox(ROOM));

        MailboxStatus status = f.engine.status(ROOM).orElseThrow();
        assertThat(status.lastError()).isEqualTo("404 user not found");
        assertThat(status.state()).isEqualTo("NONE");
        assertThat(status.nextActionAt()).isEqualTo(f.now().plus(Duration.ofMinutes(5)));
        assertThat(f.store.registry).as("the pending record is tombstoned").isEmpty();

        f.scheduler.advance(Duration.ofMinutes(11));
        assertThat(f.store.active(ROOM)).isPresent();
    }

    @Test
    void removingAMailboxDeletesAtGraphAndMarksTheRecordObsoleteThenTombstonesIt() {
        f.adopt(graphBox(ROOM));
        SubscriptionState active = active();

        f.engine.registration(0, ROOM, null);

        assertThat(f.graph.subs).isEmpty();
        assertThat(f.store.registry.get(active.id()).status()).isEqualTo(SubscriptionStatus.OBSOLETE);
        f.scheduler.advance(Duration.ofDays(2).plusMinutes(10));
        assertThat(f.store.registry).isEmpty();
        assertThat(f.engine.status(ROOM)).isEmpty();
    }

    @Test
    void disablingAMailboxUnsubscribesAndEnablingSubscribesAgain() {
        f.adopt(graphBox(ROOM));
        f.engine.registration(0, ROOM, MailboxRegistration.of(ROOM, Protocol.GRAPH, false, f.now()));
        assertThat(f.graph.subs).isEmpty();
        f.engine.registration(0, ROOM, graphBox(ROOM));
        assertThat(f.graph.live(ROOM)).hasSize(1);
    }

    @Test
    void theOrphanSweepDeletesOurUnknownSubscriptionsOnly() throws Exception {
        f.adopt(graphBox(ROOM));
        String known = active().subscriptionId();
        String orphan = f.graph.create(ROOM, "x", "url-token", f.now().plus(Duration.ofDays(1))).id();
        String removedMailbox = f.graph.create("gone@contoso.com", "x", "url-token", f.now().plus(Duration.ofDays(1))).id();

        f.engine.runMaintenance();

        assertThat(f.graph.subs.keySet()).containsExactly(known);
        assertThat(f.graph.calls).contains("delete " + orphan, "delete " + removedMailbox);
    }

    @Test
    void anExpiredSubscriptionIsRecreatedWithAResync() {
        f.graph.faults = op -> op.startsWith("renew") ? ExchangeException.of(ExchangeException.Kind.TRANSIENT, "HTTP 502") : null;
        f.adopt(graphBox(ROOM));
        String first = active().subscriptionId();

        f.scheduler.advance(Duration.ofMinutes(10_070 + 1));

        assertThat(active().subscriptionId()).isNotEqualTo(first);
        assertThat(f.store.resyncs).hasSize(1);
    }

    @Test
    void whenFencedTheEngineStopsWorkingThePartition() {
        f.adopt(graphBox(ROOM));
        f.store.fenced = true;
        f.scheduler.advance(Duration.ofMinutes(10_070 / 2 + 1));
        long renewals = f.graph.count("renew");
        f.scheduler.advance(Duration.ofDays(10));
        assertThat(f.graph.count("renew")).isEqualTo(renewals);
        assertThat(f.graph.count("create")).isEqualTo(1);
    }

    @Test
    void adoptionRetiresInterruptedCreationsAndContinuesRequestedWork() {
        f.adopt(graphBox(ROOM));
        SubscriptionState active = active();
        SubscriptionState lapsed = StateBuilder.from(active).health(SubscriptionHealth.LAPSED)
                .lastError("Graph removed the subscription").build(7, f.now());
        SubscriptionState pending = StateBuilder.pending(ROOM, Protocol.GRAPH, f.now()).clientStateHash("h").build(7, f.now());
        f.store.registry.put(lapsed.id(), lapsed);
        f.store.registry.put(pending.id(), pending);

        EngineFixture next = new EngineFixture(f.now());
        next.store.registry.putAll(f.store.registry);
        next.graph.subs.putAll(f.graph.subs);
        next.adopt(graphBox(ROOM));

        assertThat(next.store.registry).doesNotContainKey(pending.id());
        assertThat(next.store.registry.get(active.id()).status()).isEqualTo(SubscriptionStatus.OBSOLETE);
        assertThat(next.store.active(ROOM).orElseThrow().subscriptionId()).isNotEqualTo(active.subscriptionId());
        assertThat(next.store.resyncs).hasSize(1);
    }
}
