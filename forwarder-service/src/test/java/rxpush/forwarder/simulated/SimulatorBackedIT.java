package rxpush.forwarder.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import rxpush.forwarder.pipeline.BatchProcessor;
import rxpush.forwarder.pipeline.Forwarding;
import rxpush.forwarder.replay.Replay;
import rxpush.forwarder.replay.Summary;
import rxpush.forwarder.testing.Harness;
import rxpush.simulators.exchange.calendar.BookingSpec;
import rxpush.simulators.exchange.calendar.ItemView;
import rxpush.simulators.resourcexpress.faults.DownMode;
import rxpush.testsupport.KafkaTestBroker;
import rxpush.testsupport.WithKafka;

/** The forwarder between the exchange simulator and the ResourceXpress simulator, on a real broker. */
@WithKafka
class SimulatorBackedIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private SimulatedWorld world;

    @AfterEach
    void close() {
        if (world != null) {
            world.close();
        }
    }

    private SimulatedWorld world(KafkaTestBroker kafka, int mailboxes) {
        world = new SimulatedWorld(kafka, mailboxes, Harness.settings(Duration.ofMillis(500), Duration.ofMillis(200),
                Duration.ofSeconds(2)));
        return world;
    }

    private List<ItemView> create(int count) {
        List<ItemView> created = new ArrayList<>();
        List<String> mailboxes = world.exchange.mailboxes();
        for (int i = 0; i < count; i++) {
            created.add(world.exchange.bookings().create(mailboxes.get(i % mailboxes.size()), BookingSpec.random()));
        }
        return created;
    }

    /**
     * The next changes happen a simulated second later. EWS shows LastModifiedTime to the second while
     * the simulator's truth keeps milliseconds (it adds 1 ms per change within one second); spacing
     * the changes keeps the verifier from reading that rounding as an older version.
     */
    private void nextSecond() {
        world.exchange.advance(Duration.ofSeconds(1));
    }

    private void awaitInSync() {
        try {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> world.verify().ok());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("RX is not in sync with Exchange: " + world.verify(), e);
        }
    }

    @Test
    void theDuplicateStormIsCoalescedToAtMostOneFetchPerChange(KafkaTestBroker kafka) {
        world(kafka, 3).harness.start();
        List<ItemView> bookings = create(20);
        awaitInSync();
        nextSecond();
        for (int i = 0; i < 10; i++) {
            world.exchange.bookings().update(bookings.get(i).ewsId(), BookingSpec.random().withSubject("Moved up " + i));
        }
        awaitInSync();

        int changes = 30;
        long notifications = world.ingress.written();
        long fetched = world.itemsFetched();
        assertThat(notifications).as("Exchange sends several hints per change").isGreaterThan(changes);
        // At most one fetch per change, plus one read of each mailbox's free/busy item (then remembered).
        assertThat(fetched).isLessThanOrEqualTo(changes + world.exchange.mailboxes().size());
        assertThat(world.rx.applications().values()).allMatch(times -> times == 1);
    }

    @Test
    void cancellationsDeletionsMovesAndUpdatesAllArrive(KafkaTestBroker kafka) {
        world(kafka, 3).harness.start();
        List<ItemView> bookings = create(9);
        awaitInSync();
        String other = world.exchange.mailboxes().get(2);
        nextSecond();

        world.exchange.bookings().cancel(bookings.get(0).ewsId());
        world.exchange.bookings().cancel(bookings.get(1).ewsId());
        world.exchange.bookings().move(bookings.get(3).ewsId(), other);
        world.exchange.bookings().update(bookings.get(4).ewsId(), BookingSpec.random().withSubject("Renamed"));

        awaitInSync();
        assertThat(world.verify().rxBookings()).as("9 created, 2 cancelled, 1 moved to another room").isEqualTo(7);
    }

    @Test
    void resourceXpressDownForAWhileThenBackLosesNothing(KafkaTestBroker kafka) {
        world(kafka, 3).harness.start();
        create(3);
        awaitInSync();
        world.rx.faults().down(Duration.ofSeconds(4), DownMode.DROP);
        List<ItemView> during = create(6);
        nextSecond();
        world.exchange.bookings().cancel(during.get(0).ewsId());

        await().atMost(WAIT).until(() -> world.rx.faults().downNow() == null);
        awaitInSync();
        assertThat(world.rx.applications().values()).allMatch(times -> times == 1);
        await().atMost(WAIT).until(() -> world.harness.committed() == world.ingress.written());
    }

    @Test
    void replayingTheWholeTopicChangesNothingAtRx(KafkaTestBroker kafka) {
        world(kafka, 3).harness.start();
        List<ItemView> bookings = create(8);
        nextSecond();
        world.exchange.bookings().cancel(bookings.get(0).ewsId());
        world.exchange.bookings().update(bookings.get(1).ewsId(), BookingSpec.random().withSubject("Later"));
        awaitInSync();
        await().atMost(WAIT).until(() -> world.harness.committed() == world.ingress.written());
        int requestsBefore = world.rx.requests().size();
        var applicationsBefore = world.rx.applications();

        Summary summary;
        try (KafkaProducer<String, byte[]> producer = world.harness.clients.producer("replay");
                ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            Forwarding forwarding = world.harness.forwarding(producer);
            summary = new Replay(world.harness.clients, world.harness.notifications, forwarding,
                    new BatchProcessor(forwarding, workers), new PrintStream(new ByteArrayOutputStream(), true,
                            StandardCharsets.UTF_8)).run(Instant.EPOCH, null, null, KafkaTestBroker.unique("replay"));
        }

        assertThat(summary.read()).isEqualTo(world.ingress.written());
        assertThat(summary.pushed()).isZero();
        assertThat(summary.failed()).isZero();
        assertThat(world.rx.requests()).hasSize(requestsBefore);
        assertThat(world.rx.applications()).isEqualTo(applicationsBefore);
        assertThat(world.verify().ok()).isTrue();
    }

    @Test
    void graphMailboxesAreReadWithImmutableIdsAndStayInSync(KafkaTestBroker kafka) {
        world = new SimulatedWorld(kafka, rxpush.simulators.exchange.ExchangeSimulatorOptions.defaults().mailboxes(3)
                .seed(5), Harness.settings(Duration.ofMillis(500), Duration.ofMillis(200), Duration.ofSeconds(2)),
                Harness.PARTITIONS, rxpush.common.contract.Source.GRAPH);
        world.harness.start();
        List<ItemView> bookings = create(6);
        awaitInSync();
        nextSecond();
        world.exchange.bookings().cancel(bookings.get(0).ewsId());
        world.exchange.bookings().move(bookings.get(1).ewsId(), world.exchange.mailboxes().get(2));
        world.exchange.bookings().update(bookings.get(2).ewsId(), BookingSpec.random().withSubject("Graph rename"));

        awaitInSync();
        assertThat(world.verify().rxBookings()).isEqualTo(5);
        assertThat(world.readerMetrics.exchangeRequestsTotal()).isPositive();
        assertThat(world.itemsFetched()).as("nothing was read through EWS").isZero();
    }

    @Test
    void twoForwarderInstancesSplitTheWork(KafkaTestBroker kafka) {
        world(kafka, 8);
        Harness.Instance first = world.harness.start();
        Harness.Instance second = world.harness.start();
        await().atMost(WAIT).until(() -> !first.status.partitions().isEmpty() && !second.status.partitions().isEmpty());
        assertThat(first.status.partitions().size() + second.status.partitions().size()).isEqualTo(Harness.PARTITIONS);

        create(24);
        awaitInSync();
        // RX stores a booking before the pushing instance counts it: wait for the counters to catch up.
        await().atMost(WAIT).until(() -> first.metrics.pushedTotal() + second.metrics.pushedTotal() >= 24);

        assertThat(first.metrics.pushedTotal()).isPositive();
        assertThat(second.metrics.pushedTotal()).isPositive();
        assertThat(first.metrics.pushedTotal() + second.metrics.pushedTotal()).isEqualTo(24);
    }
}
