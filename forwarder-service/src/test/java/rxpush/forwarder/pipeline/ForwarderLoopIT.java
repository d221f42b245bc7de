package rxpush.forwarder.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rxpush.common.contract.BookingIds;
import rxpush.common.contract.BookingUpdate;
import rxpush.common.contract.ChangeType;
import rxpush.common.contract.Source;
import rxpush.common.kafka.FailureStage;
import rxpush.common.kafka.RxHeaders;
import rxpush.forwarder.exchange.Fetched;
import rxpush.forwarder.failure.ConfigurationFailure;
import rxpush.forwarder.failure.PermanentFailure;
import rxpush.forwarder.failure.TransientFailure;
import rxpush.forwarder.pipeline.ForwarderMetrics.SkipReason;
import rxpush.forwarder.testing.FakeExchange;
import rxpush.forwarder.testing.Harness;
import rxpush.forwarder.testing.RxStub;
import rxpush.forwarder.testing.Samples;
import rxpush.forwarder.testing.StubbedRig;
import rxpush.testsupport.KafkaTestBroker;
import rxpush.testsupport.WithKafka;

/** The live loop on a real broker against a strict RX stub and an in-memory Exchange. */
@WithKafka
class ForwarderLoopIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private StubbedRig rig;
    private FakeExchange exchange;
    private RxStub rx;
    private Harness harness;
    private String mailbox;

    @BeforeEach
    void start(KafkaTestBroker kafka) {
        rig = new StubbedRig(kafka, Duration.ofMillis(300));
        exchange = rig.exchange;
        rx = rig.rx;
        harness = rig.harness;
        mailbox = rig.mailbox;
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private rxpush.common.contract.ChangeNotification hint(ChangeType type, String itemId) {
        return rig.hint(mailbox, type, itemId, null);
    }

    private rxpush.common.contract.ChangeNotification hint(ChangeType type, String itemId, String oldItemId) {
        return rig.hint(mailbox, type, itemId, oldItemId);
    }

    private BookingUpdate booking(String itemId, String changeKey, long minute) {
        return Samples.booking(mailbox, itemId, changeKey, Samples.T0.plusSeconds(60 * minute));
    }

    @Test
    void createsUpdatesAndDeletesArriveAtRx() {
        harness.start();
        exchange.put(booking("a", "ck1", 1));
        harness.send(hint(ChangeType.CREATED, "a"));
        String bookingId = BookingIds.bookingId(mailbox, "a");
        await().atMost(WAIT).until(() -> rx.booking(bookingId).isPresent());

        exchange.put(booking("a", "ck2", 2));
        harness.send(hint(ChangeType.UPDATED, "a"));
        await().atMost(WAIT).until(() -> rx.booking(bookingId).map(b -> b.changeKey().equals("ck2")).orElse(false));

        exchange.remove(mailbox, "a");
        harness.send(hint(ChangeType.DELETED, "a"));
        await().atMost(WAIT).until(() -> rx.booking(bookingId).isEmpty());
        await().atMost(WAIT).until(() -> harness.committed() == 3);
        assertThat(rx.applied()).extracting(RxStub.Applied::method).containsExactly("PUT", "PUT", "DELETE");
    }

    @Test
    void aDeletionReachesRxEvenWhenTheForwarderHasNoRecordOfTheBooking() {
        // RX applied a PUT whose version record never made it to the topic (a crash in between).
        BookingUpdate held = booking("lost", "ck1", 1);
        rx.hold(held);
        harness.start();

        harness.send(hint(ChangeType.DELETED, "lost"));

        await().atMost(WAIT).until(() -> rx.booking(held.bookingId()).isEmpty());
        await().atMost(WAIT).until(() -> harness.committed() == 1);
        harness.send(hint(ChangeType.DELETED, "lost"));
        await().atMost(WAIT).until(() -> harness.committed() == 2);
        assertThat(rx.applied()).extracting(RxStub.Applied::method).as("the repeat is known as deleted").containsExactly("DELETE");
    }

    @Test
    void aBookingCancelledInExchangeIsDeletedAtRx() {
        harness.start();
        exchange.put(booking("c", "ck1", 1));
        harness.send(hint(ChangeType.CREATED, "c"));
        String bookingId = BookingIds.bookingId(mailbox, "c");
        await().atMost(WAIT).until(() -> rx.booking(bookingId).isPresent());

        BookingUpdate live = booking("c", "ck2", 2);
        exchange.put(new BookingUpdate(live.bookingId(), live.mailbox(), live.source(), live.itemId(), live.iCalUid(),
                live.changeKey(), live.lastModified(), "Canceled: Planning", live.organizer(), live.start(), live.end(),
                live.timeZone(), false, true, live.location(), live.sensitivity(), live.occurrenceType(), null,
                live.attendees()));
        harness.send(hint(ChangeType.UPDATED, "c"));

        await().atMost(WAIT).until(() -> rx.booking(bookingId).isEmpty());
        assertThat(rx.applied()).extracting(RxStub.Applied::method).containsExactly("PUT", "DELETE");
    }

    @Test
    void aDuplicateStormIsFetchedOnceAndPushedOnce() {
        Harness.Instance forwarder = harness.start();
        exchange.put(booking("storm", "ck1", 1));
        harness.send(hint(ChangeType.CREATED, "storm"), hint(ChangeType.UPDATED, "storm"),
                hint(ChangeType.UPDATED, "storm"), hint(ChangeType.UPDATED, "storm"));

        await().atMost(WAIT).until(() -> harness.committed() == 4);
        assertThat(exchange.fetchedItems()).isEqualTo(1);
        assertThat(rx.writeRequests()).isEqualTo(1);
        assertThat(forwarder.metrics.coalescedTotal()).isEqualTo(3);
    }

    @Test
    void aMovedItemDeletesTheOldBookingAndCreatesTheNew() {
        harness.start();
        exchange.put(booking("old", "ck1", 1));
        harness.send(hint(ChangeType.CREATED, "old"));
        await().atMost(WAIT).until(() -> rx.booking(BookingIds.bookingId(mailbox, "old")).isPresent());

        exchange.remove(mailbox, "old");
        exchange.put(booking("new", "ck2", 2));
        harness.send(hint(ChangeType.MOVED, "new", "old"));

        await().atMost(WAIT).until(() -> rx.booking(BookingIds.bookingId(mailbox, "new")).isPresent()
                && rx.booking(BookingIds.bookingId(mailbox, "old")).isEmpty());
    }

    @Test
    void versionsRxHasAreSkippedByANewInstanceAndNoiseIsNotPushed() {
        Harness.Instance first = harness.start();
        exchange.put(booking("a", "ck1", 1));
        exchange.put(mailbox, "fb", new Fetched.Noise("IPM.SchedulePlus.FreeBusy.BinaryData"));
        harness.send(hint(ChangeType.CREATED, "a"), hint(ChangeType.CREATED, "fb"));
        await().atMost(WAIT).until(() -> harness.committed() == 2);
        first.close();
        assertThat(first.metrics.skippedTotal(SkipReason.NOISE)).isEqualTo(1);

        // The same records once more: a new instance knows from the forwarded versions that RX has them.
        harness.send(hint(ChangeType.UPDATED, "a"));
        Harness.Instance second = harness.start();
        await().atMost(WAIT).until(() -> harness.committed() == 3);
        assertThat(second.metrics.skippedTotal(SkipReason.ALREADY_APPLIED)).isEqualTo(1);
        assertThat(rx.writeRequests()).isEqualTo(1);
    }

    @Test
    void whileRxIsDownNothingIsCommittedAndNothingIsLostOrReordered() {
        Harness.Instance forwarder = harness.start();
        rx.mode(RxStub.Mode.UNAVAILABLE);
        for (int i = 0; i < 5; i++) {
            exchange.put(booking("item-" + i, "ck1", i));
            harness.send(hint(ChangeType.CREATED, "item-" + i));
        }
        await().atMost(WAIT).until(() -> rx.writeRequests() >= 3);
        // Longer than max.poll.interval.ms (4 s in the harness): the paused consumer keeps polling.
        await().during(Duration.ofSeconds(6)).atMost(WAIT).until(() -> harness.committed() == 0);
        assertThat(forwarder.status.assignments()).as("never left the group, never rebalanced").isEqualTo(1);
        assertThat(forwarder.status.lastTransientFailure()).hasValueSatisfying(m -> assertThat(m).contains("503"));
        assertThat(forwarder.status.blockedBy()).isEmpty();

        rx.mode(RxStub.Mode.UP);

        await().atMost(WAIT).until(() -> harness.committed() == 5);
        assertThat(rx.bookings()).hasSize(5);
        assertThat(rx.applied()).extracting(a -> a.body().itemId())
                .containsExactly("item-0", "item-1", "item-2", "item-3", "item-4");
    }

    @Test
    void throttlingByExchangeIsRetriedAfterTheServersWait() {
        harness.start();
        AtomicInteger refusals = new AtomicInteger();
        exchange.failWith(() -> {
            if (refusals.incrementAndGet() >= 3) {
                exchange.failWith(null);
            }
            return new TransientFailure("ErrorServerBusy", Duration.ofMillis(300), null);
        });
        exchange.put(booking("busy", "ck1", 1));
        harness.send(hint(ChangeType.CREATED, "busy"));

        await().atMost(WAIT).until(() -> rx.booking(BookingIds.bookingId(mailbox, "busy")).isPresent());
        assertThat(refusals).hasValue(3);
    }

    @Test
    void permanentFailuresAreDeadLetteredWithProvenanceAndTheRestMovesOn() {
        Harness.Instance forwarder = harness.start();
        rx.rejectAsInvalid(b -> b.itemId().equals("bad"));
        exchange.put(booking("bad", "ck1", 1));
        exchange.put(booking("good", "ck1", 2));
        exchange.put(mailbox, "weird", new Fetched.Unreadable(new PermanentFailure(FailureStage.MAP, "no start time")));
        harness.send(hint(ChangeType.CREATED, "bad"), hint(ChangeType.CREATED, "weird"), hint(ChangeType.CREATED, "good"));
        harness.sendRaw(mailbox, "{not json".getBytes(StandardCharsets.UTF_8));

        await().atMost(WAIT).until(() -> harness.committed() == 4);
        assertThat(rx.bookings()).containsOnlyKeys(BookingIds.bookingId(mailbox, "good"));
        List<ConsumerRecord<String, byte[]>> letters = harness.read(harness.deadLetters);
        assertThat(letters).hasSize(3);
        assertThat(letters).extracting(r -> header(r, RxHeaders.DLT_STAGE))
                .containsExactlyInAnyOrder("PUSH", "MAP", "DESERIALIZE");
        ConsumerRecord<String, byte[]> push = letters.stream().filter(r -> header(r, RxHeaders.DLT_STAGE).equals("PUSH"))
                .findFirst().orElseThrow();
        assertThat(push.key()).isEqualTo(mailbox);
        assertThat(header(push, RxHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(harness.notifications);
        assertThat(header(push, RxHeaders.DLT_ORIGINAL_OFFSET)).isNotBlank();
        assertThat(header(push, RxHeaders.DLT_ORIGINAL_PARTITION)).isNotBlank();
        assertThat(header(push, RxHeaders.DLT_EXCEPTION_CLASS)).isEqualTo(PermanentFailure.class.getName());
        assertThat(header(push, RxHeaders.DLT_EXCEPTION_MESSAGE)).contains("422");
        assertThat(Instant.parse(header(push, RxHeaders.DLT_FAILED_AT))).isBefore(Instant.now().plusSeconds(1));
        assertThat(forwarder.metrics.deadLetteredTotal()).isEqualTo(3);
    }

    @Test
    void aRejectedApiKeyStopsConsumingWithOneClearMessageUntilRxAcceptsItAgain() {
        rx.mode(RxStub.Mode.REJECTING_KEY);
        Harness.Instance forwarder = harness.start();
        exchange.put(booking("a", "ck1", 1));
        harness.send(hint(ChangeType.CREATED, "a"));

        await().atMost(WAIT).until(() -> forwarder.status.blockedBy().isPresent());
        assertThat(forwarder.status.blockedBy()).contains("ResourceXpress at " + rx.tenantUrl()
                + " rejected the ApiKey; check it matches ApiKey in RX web.config");
        harness.send(hint(ChangeType.UPDATED, "a"));
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> harness.committed() == 0);

        rx.mode(RxStub.Mode.UP);

        await().atMost(WAIT).until(() -> harness.committed() == 2);
        assertThat(forwarder.status.blockedBy()).isEmpty();
        assertThat(rx.booking(BookingIds.bookingId(mailbox, "a"))).isPresent();
    }

    @Test
    void exchangeRefusingTheCredentialsBlocksUntilItWorks() {
        Harness.Instance forwarder = harness.start();
        exchange.failWith(() -> new ConfigurationFailure(ConfigurationFailure.Component.EXCHANGE,
                "EWS refused the service account", null));
        exchange.put(booking("a", "ck1", 1));
        harness.send(hint(ChangeType.CREATED, "a"));

        await().atMost(WAIT).until(() -> forwarder.status.blockedBy().isPresent());
        assertThat(harness.committed()).isZero();
        exchange.failWith(null);

        await().atMost(WAIT).until(() -> harness.committed() == 1 && forwarder.status.blockedBy().isEmpty());
    }

    @Test
    void aResyncPushesTheWindowAndDeletesWhatVanished() {
        harness.start();
        exchange.put(booking("stays", "ck1", 1));
        exchange.put(booking("goes", "ck1", 2));
        harness.send(hint(ChangeType.CREATED, "stays"), hint(ChangeType.CREATED, "goes"));
        await().atMost(WAIT).until(() -> rx.bookings().size() == 2);

        // Changes Exchange never told us about: one deleted, one created, one changed.
        exchange.remove(mailbox, "goes");
        exchange.put(booking("silent", "ck1", 3));
        exchange.put(booking("stays", "ck2", 4));
        harness.send(Samples.notification("resync-1", Source.EWS, mailbox, ChangeType.RESYNC, null, null, Instant.now()));

        await().atMost(WAIT).until(() -> harness.committed() == 3);
        assertThat(rx.bookings()).containsOnlyKeys(BookingIds.bookingId(mailbox, "stays"),
                BookingIds.bookingId(mailbox, "silent"));
        assertThat(rx.booking(BookingIds.bookingId(mailbox, "stays")).orElseThrow().changeKey()).isEqualTo("ck2");
    }

    @Test
    void aResyncForAnUnregisteredMailboxCausesNoExchangeCallAndIsCountedAndDropped() {
        Harness.Instance forwarder = harness.start();
        String stranger = "ceo@contoso.com";
        exchange.put(Samples.booking(stranger, "private", "ck1", Samples.T0.plusSeconds(60)));
        exchange.put(booking("a", "ck1", 1));

        // Anyone able to write to the notifications topic names a mailbox rx-push was never given.
        harness.sendUnregistered(Samples.notification("forged-resync", Source.EWS, stranger, ChangeType.RESYNC, null, null,
                Instant.now()));
        harness.send(hint(ChangeType.CREATED, "a"));

        await().atMost(WAIT).until(() -> harness.committed() == 2);
        assertThat(exchange.windowReads()).isZero();
        assertThat(exchange.fetches()).allSatisfy(ids -> assertThat(ids).containsExactly("a"));
        assertThat(rx.bookings()).containsOnlyKeys(BookingIds.bookingId(mailbox, "a"));
        assertThat(forwarder.metrics.unregisteredTotal()).isEqualTo(1);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
