package rxpush.forwarder.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import rxpush.common.contract.BookingIds;
import rxpush.common.contract.ChangeType;
import rxpush.common.contract.Source;
import rxpush.forwarder.testing.Samples;
import rxpush.forwarder.testing.StubbedRig;
import rxpush.testsupport.KafkaTestBroker;
import rxpush.testsupport.WithKafka;

/**
 * The sync window rolls with the clock: a day passing (here sixty) brings an occurrence of a long
 * series into the window, and the next RESYNC (the daily reconcile) adds it, with no change in
 * Exchange; what left the window at the back stays at RX.
 */
@WithKafka
class RollingWindowIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private StubbedRig rig;

    @AfterEach
    void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void anOccurrenceEnteringTheWindowIsAddedByTheNextResync(KafkaTestBroker kafka) {
        ShiftedClock clock = new ShiftedClock();
        rig = new StubbedRig(kafka, Duration.ofMillis(300), clock);
        String mailbox = rig.mailbox;
        rig.harness.start();
        rig.exchange.put(Samples.seriesPart(mailbox, "long", null, "v1", Instant.now()));
        rig.exchange.put(Samples.occurrence(mailbox, "long-0", "long", "v1", Instant.now(), 0));
        rig.exchange.put(Samples.occurrence(mailbox, "long-60", "long", "v1", Instant.now(), 60)); // 421 days ahead

        resync(1);
        assertThat(rig.rx.bookings()).containsOnlyKeys(id(mailbox, "long"), id(mailbox, "long-0"));

        clock.advance(Duration.ofDays(60));
        resync(2);
        assertThat(rig.rx.bookings()).as("the occurrence that entered the window is added; the one behind stays")
                .containsOnlyKeys(id(mailbox, "long"), id(mailbox, "long-0"), id(mailbox, "long-60"));
    }

    private void resync(int committed) {
        rig.harness.send(Samples.notification("resync-" + committed + "-" + rig.mailbox, Source.EWS, rig.mailbox,
                ChangeType.RESYNC, null, null, Instant.now()));
        await().atMost(WAIT).until(() -> rig.harness.committed() == committed);
    }

    /** The real clock moved on by a chosen amount: it keeps ticking (the forwarder's debounce needs it). */
    private static final class ShiftedClock extends java.time.Clock {

        private volatile Duration shift = Duration.ZERO;

        void advance(Duration by) {
            shift = shift.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(shift);
        }
    }

    private static String id(String mailbox, String itemId) {
        return BookingIds.bookingId(mailbox, itemId);
    }
}
