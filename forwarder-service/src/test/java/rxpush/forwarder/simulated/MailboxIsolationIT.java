package rxpush.forwarder.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import rxpush.common.contract.ChangeType;
import rxpush.common.contract.Source;
import rxpush.forwarder.testing.Harness;
import rxpush.forwarder.testing.Samples;
import rxpush.simulators.exchange.ExchangeSimulatorOptions;
import rxpush.simulators.exchange.calendar.BookingSpec;
import rxpush.testsupport.KafkaTestBroker;
import rxpush.testsupport.WithKafka;

/**
 * One room's permission error stays that room's: Graph answers 403 for room B (an application access
 * policy that does not cover it yet) while room A, on the same partition, keeps reaching RX; B is
 * parked with the reason, loses nothing, and catches up once the policy covers it and an operator
 * asks for a resync.
 */
@WithKafka
class MailboxIsolationIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private SimulatedWorld world;

    @AfterEach
    void close() {
        if (world != null) {
            world.close();
        }
    }

    private long atRx(String mailbox) {
        return world.rx.bookings().stream().filter(b -> b.booking().mailbox().equalsIgnoreCase(mailbox)).count();
    }

    @Test
    void a403ForRoomBLeavesRoomAFlowingAndParksBWithTheReason(KafkaTestBroker kafka) {
        // One partition: A and B share it, so a partition-wide pause would stop A too.
        world = new SimulatedWorld(kafka, ExchangeSimulatorOptions.defaults().mailboxes(2).seed(11),
                Harness.settings(Duration.ofMillis(500), Duration.ofMillis(200), Duration.ofSeconds(2)), 1, Source.GRAPH);
        String roomA = world.exchange.mailboxes().get(0);
        String roomB = world.exchange.mailboxes().get(1);
        world.exchange.access().denyGraph(roomB, true);
        Harness.Instance forwarder = world.harness.start();

        world.exchange.bookings().create(roomB, BookingSpec.random());
        world.exchange.bookings().create(roomA, BookingSpec.random());
        await().atMost(WAIT).until(() -> atRx(roomA) == 1 && forwarder.status.parked().containsKey(roomB));

        // B parked with the reason and the fix; the forwarder is not blocked, A keeps flowing at once.
        assertThat(forwarder.status.blockedBy()).isEmpty();
        @SuppressWarnings("unchecked")
        Map<String, Object> parked = (Map<String, Object>) forwarder.status.parked().get(roomB);
        assertThat((String) parked.get("reason")).contains("403").contains("application access policy");
        assertThat(forwarder.metrics.parkedMailboxes()).isEqualTo(1);
        for (int i = 0; i < 3; i++) {
            world.exchange.advance(Duration.ofSeconds(1));
            Instant created = Instant.now();
            world.exchange.bookings().create(roomA, BookingSpec.random());
            world.exchange.bookings().create(roomB, BookingSpec.random());
            long expected = 2 + i;
            await().atMost(WAIT).until(() -> atRx(roomA) == expected);
            assertThat(Duration.between(created, Instant.now())).as("A's freshness while B is parked")
                    .isLessThan(Duration.ofSeconds(15));
        }
        assertThat(atRx(roomB)).isZero();

        // The policy now covers B; the operator's resync tries it at once, and nothing of B was lost.
        world.exchange.access().denyGraph(roomB, false);
        world.harness.send(Samples.notification("resync-b", Source.GRAPH, roomB, ChangeType.RESYNC, null, null,
                Instant.now()));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> world.verify().ok());
        assertThat(atRx(roomB)).isEqualTo(4);
        await().atMost(WAIT).until(() -> forwarder.status.parked().isEmpty());
        assertThat(forwarder.metrics.parkedMailboxes()).isZero();
    }
}
