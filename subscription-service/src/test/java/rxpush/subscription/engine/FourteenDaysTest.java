package rxpush.subscription.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import rxpush.common.contract.ChangeType;
import rxpush.common.contract.LifecycleEvent;
import rxpush.common.contract.MailboxRegistration;
import rxpush.common.contract.SubscriptionState;
import rxpush.common.contract.SubscriptionStatus;

/**
 * Fourteen simulated days on the manual clock (no sleeping) for 40 EWS and 40 Graph mailboxes, with
 * transient faults all along: Graph 500s and 429s, EWS ErrorServerBusy and failures, invalid
 * watermarks, subscriptions that die silently, Graph removing subscriptions, reauthorization requests,
 * missed notifications, duplicated lifecycle events, and failed registry writes.
 *
 * <p>Lapsed means a mailbox without a working subscription for longer than its detection bound: a
 * Graph subscription that reached its expiry, or that stayed gone more than 15 minutes after Graph
 * removed it; an EWS mailbox without a live subscription for longer than status-frequency +
 * status-grace + 10 minutes. The test requires zero.
 */
class FourteenDaysTest {

    private static final int PER_PROTOCOL = 40;
    private static final Duration STEP = Duration.ofMinutes(1);
    private static final Duration GRAPH_BOUND = Duration.ofMinutes(15);
    private static final Duration EWS_BOUND = EngineFixture.FREQUENCY.plus(EngineFixture.GRACE).plusMinutes(10);

    private final Random random = new Random(20261102L);
    private final EngineFixture f = new EngineFixture();
    private final Map<String, Instant> downSince = new HashMap<>();
    private final List<String> lapses = new ArrayList<>();
    private int injectedDeaths;
    private int injectedRemovals;

    @Test
    void fourteenDaysWithTransientFaultsAndNoLapsedSubscription() {
        List<MailboxRegistration> boxes = new ArrayList<>();
        for (int i = 0; i < PER_PROTOCOL; i++) {
            boxes.add(EngineFixture.ewsBox("ews." + i + "@contoso.com"));
            boxes.add(EngineFixture.graphBox("graph." + i + "@contoso.com"));
        }
        f.graph.faults = op -> {
            double dice = random.nextDouble();
            if (dice < 0.05) {
                return ExchangeException.of(ExchangeException.Kind.TRANSIENT, "HTTP 500");
            }
            return dice < 0.07 ? ExchangeException.throttled("429", Duration.ofSeconds(30)) : null;
        };
        f.ews.faults = mailbox -> {
            double dice = random.nextDouble();
            if (dice < 0.05) {
                return ExchangeException.of(ExchangeException.Kind.TRANSIENT, "ErrorInternalServerTransientError");
            }
            return dice < 0.08 ? ExchangeException.throttled("ErrorServerBusy", Duration.ofSeconds(20)) : null;
        };
        f.adopt(boxes.toArray(MailboxRegistration[]::new));
        Instant end = f.now().plus(Duration.ofDays(14));
        long minute = 0;

        while (f.now().isBefore(end)) {
            f.scheduler.advance(STEP);
            minute++;
            if (minute % 5 == 0) {
                pushStatusEvents();
            }
            injectFaults();
            check();
        }

        assertThat(lapses).as("lapsed subscriptions").isEmpty();
        for (MailboxRegistration box : boxes) {
            assertThat(f.store.active(box.address())).as("%s ends with an ACTIVE subscription", box.address()).isPresent();
            assertThat(f.store.withStatus(box.address(), SubscriptionStatus.PENDING)).isEmpty();
        }
        assertThat(f.graph.count("renew")).as("Graph renewals at half life").isGreaterThanOrEqualTo(PER_PROTOCOL * 3L);
        assertThat(injectedDeaths).isGreaterThan(10);
        assertThat(injectedRemovals).isGreaterThan(5);
        System.out.printf("14 days: %d Graph creates, %d renewals, %d EWS subscribes, %d silent deaths, %d removals, "
                + "%d resyncs, 0 lapses%n", f.graph.count("create"), f.graph.count("renew"), f.ews.calls.size(),
                injectedDeaths, injectedRemovals, f.store.resyncs.size());
    }

    /** What Exchange and ingress do every status-frequency: a StatusEvent per live subscription. */
    private void pushStatusEvents() {
        for (FakeEws.Sub sub : List.copyOf(f.ews.subs.values())) {
            if (!sub.alive) {
                continue;
            }
            SubscriptionState state = f.store.registry.values().stream()
                    .filter(s -> sub.id.equals(s.subscriptionId())).findFirst().orElse(null);
            if (state == null || state.status() == SubscriptionStatus.OBSOLETE) {
                // Ingress answers Unsubscribe (or 404 for an unknown token): Exchange drops it.
                sub.alive = false;
                continue;
            }
            f.engine.signal(0, EngineFixture.signal(ChangeType.STATUS, sub.mailbox, sub.id, f.ews.nextWatermark(sub.id),
                    f.now()));
        }
    }

    private void injectFaults() {
        double dice = random.nextDouble();
        if (dice < 0.004) {
            // An EWS subscription dies silently (mailbox moved, CAS restarted).
            List<FakeEws.Sub> alive = f.ews.subs.values().stream().filter(s -> s.alive).toList();
            if (!alive.isEmpty()) {
                f.ews.kill(alive.get(random.nextInt(alive.size())).id);
                injectedDeaths++;
            }
        } else if (dice < 0.006) {
            // Graph removes a subscription and says so, twice.
            List<FakeGraph.Sub> subs = List.copyOf(f.graph.subs.values());
            FakeGraph.Sub victim = subs.get(random.nextInt(subs.size()));
            f.graph.drop(victim.id);
            String id = UUID.randomUUID().toString();
            f.engine.lifecycle(0, f.lifecycle(id, victim.mailbox, victim.id, LifecycleEvent.SUBSCRIPTION_REMOVED));
            f.engine.lifecycle(0, f.lifecycle(id, victim.mailbox, victim.id, LifecycleEvent.SUBSCRIPTION_REMOVED));
            injectedRemovals++;
        } else if (dice < 0.007) {
            List<FakeGraph.Sub> subs = List.copyOf(f.graph.subs.values());
            FakeGraph.Sub sub = subs.get(random.nextInt(subs.size()));
            LifecycleEvent event = random.nextBoolean() ? LifecycleEvent.REAUTHORIZATION_REQUIRED : LifecycleEvent.MISSED;
            f.engine.lifecycle(0, f.lifecycle(UUID.randomUUID().toString(), sub.mailbox, sub.id, event));
        } else if (dice < 0.008) {
            // Ingress saw a watermark gap.
            List<FakeEws.Sub> alive = f.ews.subs.values().stream().filter(s -> s.alive).toList();
            FakeEws.Sub sub = alive.get(random.nextInt(alive.size()));
            f.engine.signal(0, EngineFixture.signal(ChangeType.MISSED, sub.mailbox, sub.id, null, f.now()));
        } else if (dice < 0.009) {
            // Exchange forgets the watermarks it handed out (e.g. after a database failover).
            f.ews.knownWatermarks.clear();
        } else if (dice < 0.02) {
            f.store.failNext = 1;
        }
    }

    private void check() {
        Instant now = f.now();
        for (int i = 0; i < PER_PROTOCOL; i++) {
            String graphBox = "graph." + i + "@contoso.com";
            SubscriptionState active = f.store.active(graphBox).orElse(null);
            if (active != null && !now.isBefore(active.expiresAt())) {
                lapses.add(graphBox + " expired at " + active.expiresAt());
            }
            track(graphBox, !f.graph.live(graphBox).isEmpty(), GRAPH_BOUND);
            String ewsBox = "ews." + i + "@contoso.com";
            track(ewsBox, !f.ews.alive(ewsBox).isEmpty(), EWS_BOUND);
        }
    }

    private void track(String mailbox, boolean working, Duration bound) {
        Instant now = f.now();
        if (working) {
            downSince.remove(mailbox);
            return;
        }
        Instant since = downSince.computeIfAbsent(mailbox, m -> now);
        if (Duration.between(since, now).compareTo(bound) > 0 && !lapses.contains(mailbox + " down since " + since)) {
            lapses.add(mailbox + " down since " + since);
        }
    }
}
