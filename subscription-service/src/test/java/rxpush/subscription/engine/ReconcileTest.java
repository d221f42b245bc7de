package rxpush.subscription.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static rxpush.subscription.engine.EngineFixture.ewsBox;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import rxpush.common.contract.ChangeType;

/** The periodic reconcile: each ACTIVE mailbox's window re-read once per interval, spread, bounded per pass. */
class ReconcileTest {

    private static final Duration DAY = Duration.ofDays(1);

    @Test
    void mailboxesAreSpreadOverTheIntervalByAFixedPhase() {
        Instant now = Instant.parse("2026-12-04T10:00:00Z");
        Set<Instant> firsts = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Instant first = Reconcile.firstAt("room." + i + "@contoso.com", now, DAY);
            assertThat(first).isAfter(now).isBeforeOrEqualTo(now.plus(DAY));
            assertThat(Reconcile.firstAt("room." + i + "@contoso.com", now.plusSeconds(1), DAY))
                    .as("the same phase for every owner").isEqualTo(first);
            firsts.add(first.truncatedTo(java.time.temporal.ChronoUnit.HOURS));
        }
        assertThat(firsts).as("spread over the day, not all at once").hasSizeGreaterThan(20);
    }

    @Test
    void aDueMailboxIsResyncedOncePerIntervalAndAtMostMaxPerPass() {
        EngineFixture f = new EngineFixture();
        f.adopt(ewsBox("a@contoso.com"), ewsBox("b@contoso.com"), ewsBox("c@contoso.com"));
        MailboxState a = f.engine.mailboxes.get("a@contoso.com");
        MailboxState b = f.engine.mailboxes.get("b@contoso.com");
        MailboxState c = f.engine.mailboxes.get("c@contoso.com");
        Instant now = f.now();
        Reconcile pass = new Reconcile(DAY, 2);

        assertThat(pass.due(a, now)).as("first the phase is set").isNull();
        assertThat(a.nextReconcileAt).isAfter(now);
        pass.due(b, now);
        pass.due(c, now);
        Instant late = now.plus(DAY).plusSeconds(60);
        Reconcile next = new Reconcile(DAY, 2);

        assertThat(next.due(a, late)).satisfies(r -> {
            assertThat(r.changeType()).isEqualTo(ChangeType.RESYNC);
            assertThat(r.reason()).isEqualTo(Reconcile.REASON);
        });
        assertThat(next.due(b, late)).isNotNull();
        assertThat(next.due(c, late)).as("the pass's budget is used up; c waits for the next pass").isNull();
        assertThat(next.due(a, late)).as("once per interval, however late").isNull();
        assertThat(a.nextReconcileAt).isAfter(late).isBeforeOrEqualTo(late.plus(DAY));
        assertThat(new Reconcile(DAY, 2).due(c, late)).isNotNull();
    }

    @Test
    void zeroDisablesIt() {
        EngineFixture f = new EngineFixture();
        f.adopt(ewsBox("a@contoso.com"));
        MailboxState a = f.engine.mailboxes.get("a@contoso.com");

        assertThat(new Reconcile(Duration.ZERO, 10).due(a, f.now())).isNull();
        assertThat(a.nextReconcileAt).isNull();
    }

    @Test
    void theMaintenancePassRequestsOneReconcilePerMailboxAndDay() {
        EngineFixture f = EngineFixture.reconciling(DAY, 100);
        f.adopt(EngineFixture.graphBox("a@contoso.com"), EngineFixture.graphBox("b@contoso.com"));

        f.scheduler.advanceInSteps(Duration.ofDays(3), Duration.ofMinutes(5), () -> { });

        assertThat(f.store.resyncsFor("a@contoso.com")).isBetween(2L, 3L);
        assertThat(f.store.resyncsFor("b@contoso.com")).isBetween(2L, 3L);
        assertThat(f.store.resyncs).allSatisfy(r -> assertThat(r.reason()).isEqualTo(Reconcile.REASON));
        assertThat(f.engine.status("a@contoso.com").orElseThrow().nextReconcileAt()).isAfter(f.now());
    }
}
