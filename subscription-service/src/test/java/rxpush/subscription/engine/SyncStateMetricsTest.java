package rxpush.subscription.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static rxpush.subscription.engine.EngineFixture.ewsBox;
import static rxpush.subscription.engine.EngineFixture.graphBox;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import rxpush.common.contract.Protocol;
import rxpush.subscription.ops.SubscriptionMetrics;

/**
 * The one-word state operators see, and the meters counting it: a silent EWS subscription whose
 * recovery fails shows as LAPSED until recovered, its missed heartbeat is counted once however often
 * the recovery is retried, and actions are counted by outcome.
 */
class SyncStateMetricsTest {

    private static final String ROOM = "room.301@contoso.com";
    private static final String GRAPH_ROOM = "room.302@contoso.com";
    private final EngineFixture f = new EngineFixture();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    SyncStateMetricsTest() {
        new SubscriptionMetrics(registry, f.engine, f.scheduler.clock());
    }

    private double mailboxes(Protocol protocol, SyncState state) {
        return registry.get("rxpush.subscription.mailboxes").tag("protocol", protocol.name()).tag("state", state.name())
                .gauge().value();
    }

    private double counter(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Test
    void aSilentEwsSubscriptionWhoseRecoveryFailsIsLapsedAndCountedOnce() {
        f.adopt(ewsBox(ROOM));
        assertThat(f.engine.status(ROOM).orElseThrow().syncState()).isEqualTo(SyncState.ACTIVE);
        assertThat(mailboxes(Protocol.EWS, SyncState.ACTIVE)).isEqualTo(1.0);
        assertThat(counter("rxpush.subscription.creations", "protocol", "EWS", "action", "create", "outcome", "ok"))
                .isEqualTo(1.0);

        f.ews.kill(f.store.active(ROOM).orElseThrow().subscriptionId());
        f.ews.faults = mailbox -> ExchangeException.of(ExchangeException.Kind.TRANSIENT, "Exchange is down");
        f.scheduler.advance(Duration.ofMinutes(30));

        assertThat(f.engine.status(ROOM).orElseThrow().syncState()).isEqualTo(SyncState.LAPSED);
        assertThat(mailboxes(Protocol.EWS, SyncState.LAPSED)).isEqualTo(1.0);
        assertThat(mailboxes(Protocol.EWS, SyncState.ACTIVE)).isZero();
        assertThat(counter("rxpush.subscription.creations", "protocol", "EWS", "action", "recover", "outcome", "transient"))
                .as("retried with back-off").isGreaterThan(1.0);
        assertThat(counter("rxpush.subscription.heartbeats.missed", "protocol", "EWS")).isEqualTo(1.0);

        f.ews.faults = mailbox -> null;
        f.scheduler.advance(Duration.ofMinutes(10));
        assertThat(f.engine.status(ROOM).orElseThrow().syncState()).isEqualTo(SyncState.ACTIVE);
        assertThat(counter("rxpush.subscription.creations", "protocol", "EWS", "action", "recover", "outcome", "ok"))
                .isEqualTo(1.0);
    }

    @Test
    void graphExpiryAndRenewalsAreReported() {
        f.adopt(graphBox(GRAPH_ROOM));
        double expiry = registry.get("rxpush.subscription.earliest.expiry").tag("protocol", "GRAPH").gauge().value();
        assertThat(expiry).isGreaterThan(Duration.ofDays(6).toSeconds());
        assertThat(registry.get("rxpush.subscription.earliest.expiry").tag("protocol", "EWS").gauge().value()).isNaN();

        f.scheduler.advance(Duration.ofDays(4));
        assertThat(counter("rxpush.subscription.renewals", "protocol", "GRAPH", "outcome", "ok")).isEqualTo(1.0);
        assertThat(registry.get("rxpush.subscription.reconcile.done").gauge().value())
                .isEqualTo(registry.get("rxpush.subscription.reconcile.backlog").gauge().value());
    }

    @Test
    void aRemovedMailboxIsDisabledAndAResyncRequestIsCountedOnceCommitted() throws Exception {
        f.adopt(graphBox(GRAPH_ROOM));
        // the new subscription's backfill is one RESYNC already
        double before = counter("rxpush.subscription.resyncs.requested", "protocol", "GRAPH");
        f.engine.requestResync(GRAPH_ROOM, "operator").orElseThrow().get();
        assertThat(counter("rxpush.subscription.resyncs.requested", "protocol", "GRAPH")).isEqualTo(before + 1.0);

        f.engine.registration(0, GRAPH_ROOM, null);
        assertThat(f.engine.status(GRAPH_ROOM).orElseThrow().syncState()).isEqualTo(SyncState.DISABLED);
        assertThat(mailboxes(Protocol.GRAPH, SyncState.ACTIVE)).isZero();
    }
}
