package rxpush.forwarder.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rxpush.common.contract.BookingIds;
import rxpush.common.contract.BookingUpdate;
import rxpush.common.contract.ChangeType;
import rxpush.common.contract.Source;
import rxpush.forwarder.testing.Samples;
import rxpush.forwarder.testing.StubbedRig;
import rxpush.testsupport.KafkaTestBroker;
import rxpush.testsupport.WithKafka;

/**
 * A series whose occurrences reached RX through a RESYNC (the calendar window shows a series as its
 * occurrences) while Exchange notifies changes on the master only: the occurrences must follow the
 * master, or RX keeps stale and deleted occurrences (found by reliability scenario 5).
 */
@WithKafka
class SeriesOccurrencesIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private StubbedRig rig;
    private String mailbox;

    @BeforeEach
    void start(KafkaTestBroker kafka) {
        rig = new StubbedRig(kafka, Duration.ofMillis(300));
        mailbox = rig.mailbox;
        rig.harness.start();
        rig.exchange.put(part("master", null, "ck1"));
        rig.exchange.put(part("occ-1", "master", "ck1"));
        rig.exchange.put(part("occ-2", "master", "ck1"));
        rig.harness.send(Samples.notification("resync-" + mailbox, Source.EWS, mailbox, ChangeType.RESYNC, null, null,
                Instant.now()));
        await().atMost(WAIT).until(() -> rig.rx.bookings().size() == 3 && rig.harness.committed() == 1);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private BookingUpdate part(String itemId, String master, String changeKey) {
        return Samples.seriesPart(mailbox, itemId, master, changeKey, Instant.now());
    }

    private String id(String itemId) {
        return BookingIds.bookingId(mailbox, itemId);
    }

    @Test
    void aChangedSeriesUpdatesAndRemovesTheOccurrencesRxHolds() {
        rig.exchange.put(part("master", null, "ck2"));
        rig.exchange.put(part("occ-1", "master", "ck2"));
        rig.exchange.remove(mailbox, "occ-2");
        rig.harness.send(rig.hint(mailbox, ChangeType.UPDATED, "master", null));

        await().atMost(WAIT).until(() -> rig.harness.committed() == 2);
        assertThat(rig.rx.bookings()).containsOnlyKeys(id("master"), id("occ-1"));
        assertThat(rig.rx.booking(id("master")).orElseThrow().changeKey()).isEqualTo("ck2");
        assertThat(rig.rx.booking(id("occ-1")).orElseThrow().changeKey()).isEqualTo("ck2");
    }

    @Test
    void aDeletedSeriesTakesItsOccurrencesAtRxWithIt() {
        int fetchesBefore = rig.exchange.fetches().size();
        rig.exchange.remove(mailbox, "master");
        rig.harness.send(rig.hint(mailbox, ChangeType.DELETED, "master", null));

        await().atMost(WAIT).until(() -> rig.harness.committed() == 2);
        assertThat(rig.rx.bookings()).isEmpty();
        assertThat(rig.exchange.fetches()).as("a deletion needs no read, nor do the occurrences of a deleted series")
                .hasSize(fetchesBefore);
    }

    @Test
    void aCancelledSeriesTakesItsOccurrencesAtRxWithIt() {
        BookingUpdate m = part("master", null, "ck2");
        rig.exchange.put(new BookingUpdate(m.bookingId(), m.mailbox(), m.source(), m.itemId(), m.iCalUid(), m.changeKey(),
                m.lastModified(), m.subject(), m.organizer(), m.start(), m.end(), m.timeZone(), false, true,
                m.location(), m.sensitivity(), m.occurrenceType(), null, m.attendees()));
        rig.harness.send(rig.hint(mailbox, ChangeType.UPDATED, "master", null));

        await().atMost(WAIT).until(() -> rig.harness.committed() == 2);
        assertThat(rig.rx.bookings()).isEmpty();
    }

    @Test
    void aSingleBookingChangeReadsNoOccurrences() {
        rig.exchange.put(Samples.booking(mailbox, "single", "ck1", Instant.now()));
        rig.harness.send(rig.hint(mailbox, ChangeType.CREATED, "single", null));

        await().atMost(WAIT).until(() -> rig.harness.committed() == 2);
        assertThat(rig.rx.bookings()).hasSize(4);
        assertThat(rig.exchange.fetches().getLast()).containsExactly("single");
    }
}
