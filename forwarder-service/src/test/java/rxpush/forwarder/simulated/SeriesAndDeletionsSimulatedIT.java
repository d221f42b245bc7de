package rxpush.forwarder.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import rxpush.common.contract.Source;
import rxpush.forwarder.testing.Harness;
import rxpush.simulators.exchange.ExchangeSimulatorOptions;
import rxpush.simulators.exchange.calendar.BookingSpec;
import rxpush.simulators.exchange.calendar.ItemView;
import rxpush.simulators.exchange.calendar.Recurrence;
import rxpush.simulators.exchange.calendar.Truth;
import rxpush.testsupport.KafkaTestBroker;
import rxpush.testsupport.WithKafka;

/**
 * Against the exchange simulator (real recurrence, notifications on the master only, per-mailbox
 * 404s) and the RX simulator's series verify: what RX holds equals what Exchange holds.
 */
@WithKafka
class SeriesAndDeletionsSimulatedIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private SimulatedWorld world;

    @AfterEach
    void close() {
        if (world != null) {
            world.close();
        }
    }

    private SimulatedWorld world(KafkaTestBroker kafka, Source protocol) {
        world = new SimulatedWorld(kafka, ExchangeSimulatorOptions.defaults().mailboxes(2).seed(11),
                Harness.settings(Duration.ofMillis(500), Duration.ofMillis(200), Duration.ofSeconds(2)),
                Harness.PARTITIONS, protocol);
        world.harness.start();
        return world;
    }

    private void awaitInSync() {
        try {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> world.verify().ok());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("RX is not in sync with Exchange: " + world.verify().summary(), e);
        }
    }

    /** Series verify (every occurrence in the window a booking of its own, no slot booked twice) and the count. */
    private void awaitSeriesInSync(int rxBookings) {
        java.util.function.Supplier<rxpush.simulators.resourcexpress.verify.VerifyReport> verify = () -> world.rx.verify(
                world.exchange.baseUrl().resolve("/sim/truth"),
                rxpush.simulators.resourcexpress.verify.VerifyOptions.forSeries());
        try {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                    .until(() -> verify.get().ok() && verify.get().rxBookings() == rxBookings);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("RX is not in sync with Exchange: " + verify.get().summary() + " stale: "
                    + verify.get().stale(), e);
        }
    }

    private List<ItemView> occurrences(String mailbox) {
        return Truth.of(world.exchange.store()).mailbox(mailbox).occurrences();
    }

    @Test
    void aWeeklySeriesOfTenArrivesAndFollowsItsEditsNotifiedOnTheMasterOnly(KafkaTestBroker kafka) {
        world(kafka, Source.EWS);
        String room = world.exchange.mailboxes().getFirst();
        int before = world.verify().truthBookings();

        ItemView master = world.exchange.bookings().createSeries(room, BookingSpec.random(),
                new Recurrence(Recurrence.Pattern.WEEKLY, 1, 10));
        awaitSeriesInSync(before + 11); // 1 master + 10 occurrences

        world.exchange.advance(Duration.ofSeconds(1));
        world.exchange.bookings().endSeriesAfter(master.ewsId(), 7);
        awaitSeriesInSync(before + 8); // the tail of three deleted

        world.exchange.advance(Duration.ofSeconds(1));
        world.exchange.bookings().cancelOccurrence(occurrences(room).get(2).ewsId());
        awaitSeriesInSync(before + 7); // exactly the cancelled one deleted

        world.exchange.advance(Duration.ofSeconds(1));
        ItemView fifth = occurrences(room).get(4);
        world.exchange.bookings().updateOccurrence(fifth.ewsId(), BookingSpec.of(null, fifth.start().plusSeconds(7200), null));
        awaitSeriesInSync(before + 7); // the moved one updated in place
    }

    @Test
    void aMailboxLevelNotFoundDeletesNothingAndTheMailboxCatchesUpAfterwards(KafkaTestBroker kafka) {
        world(kafka, Source.GRAPH);
        String room = world.exchange.mailboxes().getFirst();
        List<ItemView> bookings = List.of(world.exchange.bookings().create(room, BookingSpec.random()),
                world.exchange.bookings().create(room, BookingSpec.random()));
        awaitInSync();
        int atRx = world.verify().rxBookings();

        world.exchange.faults().failMailbox(room, "ErrorInvalidUser");
        world.exchange.advance(Duration.ofSeconds(1));
        world.exchange.bookings().update(bookings.getFirst().ewsId(), BookingSpec.random().withSubject("While unreachable"));
        await().atMost(WAIT).until(() -> world.readerMetrics.exchangeRequestsTotal() > 0
                && world.exchange.stats().count("graph.mailboxErrors.ErrorInvalidUser") >= 2);
        assertThat(world.verify().rxBookings()).as("nothing deleted while the mailbox answers 404").isEqualTo(atRx);

        world.exchange.faults().clearMailbox(room);
        awaitInSync();
        assertThat(world.verify().rxBookings()).isEqualTo(atRx);
        assertThat(world.rx.requests()).as("no DELETE ever reached RX").noneMatch(r -> r.method().equals("DELETE"));
    }
}
