package rxpush.forwarder.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rxpush.common.contract.BookingIds;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.ChangeType;
import rxpush.common.contract.Source;
import rxpush.common.kafka.RxHeaders;
import rxpush.forwarder.pipeline.BatchProcessor;
import rxpush.forwarder.pipeline.Forwarding;
import rxpush.forwarder.testing.FakeExchange;
import rxpush.forwarder.testing.Harness;
import rxpush.forwarder.testing.RxStub;
import rxpush.forwarder.testing.Samples;
import rxpush.forwarder.testing.StubbedRig;
import rxpush.testsupport.KafkaTestBroker;
import rxpush.testsupport.WithKafka;

/** Replay and dead-letter redrive on a real broker, next to a live forwarder. */
@WithKafka
class ReplayAndRedriveIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
    private StubbedRig rig;
    private FakeExchange exchange;
    private RxStub rx;
    private Harness harness;
    private String mailbox;

    @BeforeEach
    void start(KafkaTestBroker kafka) {
        rig = new StubbedRig(kafka, Duration.ofMillis(200));
        exchange = rig.exchange;
        rx = rig.rx;
        harness = rig.harness;
        mailbox = rig.mailbox;
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private ChangeNotification hint(String mailbox, ChangeType type, String itemId) {
        return rig.hint(mailbox, type, itemId, null);
    }

    private Summary replay(Instant from, String onlyMailbox) {
        try (KafkaProducer<String, byte[]> producer = harness.clients.producer("replay-test");
                ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            Forwarding forwarding = harness.forwarding(producer);
            return new Replay(harness.clients, harness.notifications, forwarding, new BatchProcessor(forwarding, workers),
                    new PrintStream(progress, true, StandardCharsets.UTF_8))
                    .run(from, null, onlyMailbox, KafkaTestBroker.unique("replay"));
        }
    }

    @Test
    void replayingTheWholeTopicWhileTheLiveForwarderRunsChangesNothingAtRx() {
        harness.start();
        for (int i = 0; i < 4; i++) {
            exchange.put(Samples.booking(mailbox, "item-" + i, "ck1", Samples.T0.plusSeconds(i)));
            harness.send(hint(mailbox, ChangeType.CREATED, "item-" + i), hint(mailbox, ChangeType.UPDATED, "item-" + i));
        }
        exchange.put(Samples.booking(mailbox, "gone", "ck1", Samples.T0));
        harness.send(hint(mailbox, ChangeType.CREATED, "gone"));
        await().atMost(WAIT).until(() -> rx.bookings().size() == 5);
        exchange.remove(mailbox, "gone");
        harness.send(hint(mailbox, ChangeType.DELETED, "gone"));
        await().atMost(WAIT).until(() -> harness.committed() == 10);
        int writesBefore = rx.writeRequests();

        Summary summary = replay(Instant.EPOCH, null);

        assertThat(summary.read()).isEqualTo(10);
        assertThat(summary.pushed()).isZero();
        assertThat(summary.failed()).isZero();
        assertThat(summary.skipped()).isEqualTo(5);
        assertThat(rx.writeRequests()).isEqualTo(writesBefore);
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("replay: 10 record(s)");
    }

    @Test
    void replayForOneMailboxFromAnInstantForwardsWhatRxLacks() {
        String other = KafkaTestBroker.unique("other") + "@contoso.com";
        exchange.put(Samples.booking(mailbox, "a", "ck1", Samples.T0));
        exchange.put(Samples.booking(other, "b", "ck1", Samples.T0));
        harness.send(hint(mailbox, ChangeType.CREATED, "old"));
        Instant from = Instant.now();
        await().atMost(WAIT).until(() -> Instant.now().isAfter(from));
        harness.send(hint(mailbox, ChangeType.CREATED, "a"), hint(other, ChangeType.CREATED, "b"));

        Summary summary = replay(from, mailbox);

        assertThat(summary.read()).isEqualTo(1);
        assertThat(summary.pushed()).isEqualTo(1);
        assertThat(rx.bookings()).containsOnlyKeys(BookingIds.bookingId(mailbox, "a"));
        assertThat(exchange.fetches()).containsExactly(List.of("a"));
    }

    @Test
    void theCommandLineRunsAReplayAndARedriveWithTheForwardersConfiguration(KafkaTestBroker kafka) {
        try (rxpush.forwarder.testing.EwsStub ews = new rxpush.forwarder.testing.EwsStub()) {
            ews.put(new rxpush.forwarder.testing.EwsStub.Item("AAMk-cli", "ck1", rxpush.forwarder.testing.EwsStub.CALENDAR,
                    "IPM.Appointment", "Single", "uid", Samples.T0, Samples.T0.plusSeconds(600), Samples.T0, null, null));
            harness.send(hint(mailbox, ChangeType.CREATED, "AAMk-cli"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String[] config = {"--rxpush.tenant-url=" + rx.tenantUrl(), "--rxpush.api-key=" + StubbedRig.KEY,
                    "--rxpush.ews.url=" + ews.url(), "--rxpush.forwarder.topic-prefix=" + harness.settings.topicPrefix(),
                    "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(), "--rxpush.topics.partitions=3"};

            int replayed = ForwarderTools.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(progress, true, StandardCharsets.UTF_8),
                    concat(new String[] {"replay", "--from", "2020-01-01T00:00:00Z", "--mailbox", mailbox}, config));
            int redriven = ForwarderTools.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(progress, true, StandardCharsets.UTF_8), concat(new String[] {"dlt", "redrive"}, config));

            assertThat(replayed).isZero();
            assertThat(redriven).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains("replay: read 1, pushed 1, skipped as already applied 0, failed 0")
                    .contains("dlt redrive: read 0, pushed 0");
            assertThat(rx.booking(BookingIds.bookingId(mailbox, "AAMk-cli"))).isPresent();
        }
    }

    private static String[] concat(String[] a, String[] b) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b)).toArray(String[]::new);
    }

    @Test
    void redriveSendsDeadLettersBackCountingRedrivesAndEachLetterOnce() {
        Harness.Instance forwarder = harness.start();
        rx.rejectAsInvalid(b -> true);
        exchange.put(Samples.booking(mailbox, "a", "ck1", Samples.T0));
        harness.send(hint(mailbox, ChangeType.CREATED, "a"));
        await().atMost(WAIT).until(() -> harness.read(harness.deadLetters).size() == 1);

        rx.rejectAsInvalid(b -> false);
        DltRedrive redrive = new DltRedrive(harness.clients, harness.deadLetters, harness.notifications,
                new PrintStream(progress, true, StandardCharsets.UTF_8));
        Summary first = redrive.run(null, 5);

        assertThat(first).isEqualTo(new Summary(1, 1, 0, 0));
        await().atMost(WAIT).until(() -> rx.booking(BookingIds.bookingId(mailbox, "a")).isPresent());
        ConsumerRecord<String, byte[]> redriven = harness.read(harness.notifications).getLast();
        assertThat(redriven.key()).isEqualTo(mailbox);
        assertThat(new String(redriven.headers().lastHeader(RxHeaders.DLT_REDRIVE_COUNT).value(), StandardCharsets.UTF_8))
                .isEqualTo("1");
        assertThat(redriven.headers().lastHeader(RxHeaders.DLT_STAGE)).isNull();
        assertThat(redrive.run(null, 5)).isEqualTo(new Summary(0, 0, 0, 0));
        assertThat(forwarder.metrics.pushedTotal()).isEqualTo(1);
    }

    @Test
    void aLetterRedrivenTooOftenStaysInPlace() {
        harness.start();
        rx.rejectAsInvalid(b -> true);
        exchange.put(Samples.booking(mailbox, "a", "ck1", Samples.T0));
        harness.send(hint(mailbox, ChangeType.CREATED, "a"));
        await().atMost(WAIT).until(() -> harness.read(harness.deadLetters).size() == 1);
        DltRedrive redrive = new DltRedrive(harness.clients, harness.deadLetters, harness.notifications,
                new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(redrive.run(mailbox, 1)).isEqualTo(new Summary(1, 1, 0, 0));
        await().atMost(WAIT).until(() -> harness.read(harness.deadLetters).size() == 2);
        ConsumerRecord<String, byte[]> again = harness.read(harness.deadLetters).getLast();
        assertThat(DltRedrive.redriveCount(again)).isEqualTo(1);

        assertThat(redrive.run(mailbox, 1)).isEqualTo(new Summary(1, 0, 1, 0));
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("redriven 1 times already");
    }
}
