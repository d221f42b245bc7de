package rxpush.forwarder.pipeline;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rxpush.common.contract.BookingIds;
import rxpush.common.contract.BookingUpdate;
import rxpush.common.contract.ChangeType;
import rxpush.forwarder.testing.Samples;
import rxpush.forwarder.testing.StubbedRig;
import rxpush.testsupport.KafkaProcessBroker;

/**
 * Every broker SIGKILLed for longer than the group's session, then started again (reliability
 * scenario 4): three forwarders with production's consumer settings must rejoin and forward what
 * arrived before, during and after the outage, and commit all of it. The broker is a process of its
 * own so that it can die and come back on the same port with the same data. About a minute, most of
 * it the outage ({@code -Drxpush.test.outage-seconds}, default 30).
 */
class KafkaOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("rxpush.test.outage-seconds", 30));
    private static final Duration WAIT = Duration.ofSeconds(60);

    private KafkaProcessBroker kafka;
    private StubbedRig rig;

    @BeforeEach
    void start() {
        kafka = KafkaProcessBroker.format(Path.of("target", "kafka-outage-it", UUID.randomUUID().toString()), "256m");
        kafka.start();
        rig = new StubbedRig(kafka.broker(), Duration.ofMillis(100), 6);
    }

    @AfterEach
    void stop() {
        if (rig != null) {
            rig.close();
        }
        kafka.close();
    }

    @Test
    void forwardingResumesAfterEveryBrokerWasKilledAndRestarted() {
        rig.harness.start();
        rig.harness.start();
        rig.harness.start();
        forward("before", "ck1");

        // Hints keep coming, so batches are in flight (a version record waiting for its ack) when the
        // broker dies; the producer buffers what is sent while it is down.
        AtomicInteger changes = new AtomicInteger();
        ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();
        traffic.scheduleAtFixedRate(() -> {
            int n = changes.incrementAndGet();
            rig.exchange.put(Samples.booking(rig.mailbox, "busy", "busy-" + n, Samples.T0.plusSeconds(n)));
            rig.harness.send(rig.hint(rig.mailbox, n == 1 ? ChangeType.CREATED : ChangeType.UPDATED, "busy", null));
        }, 0, 100, TimeUnit.MILLISECONDS);
        await().atMost(WAIT).until(() -> changes.get() > 20);
        kafka.kill9();
        await().pollDelay(OUTAGE).atMost(OUTAGE.plusSeconds(5)).until(() -> true);
        kafka.start();
        // A few more changes once Kafka is back, while the group is still finding itself again.
        int atRestart = changes.get();
        await().atMost(WAIT).until(() -> changes.get() > atRestart + 20);
        traffic.shutdownNow();
        try {
            traffic.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String busy = "busy-" + changes.get();
        await().atMost(WAIT).until(() -> rig.rx.booking(BookingIds.bookingId(rig.mailbox, "busy"))
                .map(b -> b.changeKey().equals(busy)).orElse(false));

        forward("before", "ck2");
        forward("after", "ck1");
        await().atMost(WAIT).until(() -> rig.harness.committed() == 3 + changes.get());
    }

    /** Puts the item into Exchange, sends its hint and waits until RX has that version. */
    private void forward(String itemId, String changeKey) {
        BookingUpdate booking = Samples.booking(rig.mailbox, itemId, changeKey, Samples.T0.plusSeconds(changeKey.hashCode() & 0xfff));
        rig.exchange.put(booking);
        rig.harness.send(rig.hint(rig.mailbox, changeKey.equals("ck1") ? ChangeType.CREATED : ChangeType.UPDATED, itemId,
                null));
        String bookingId = BookingIds.bookingId(rig.mailbox, itemId);
        await().atMost(WAIT).until(() -> rig.rx.booking(bookingId).map(b -> b.changeKey().equals(changeKey)).orElse(false));
    }
}
