package rxpush.forwarder.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
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
import rxpush.forwarder.testing.RxStub;
import rxpush.forwarder.testing.Samples;
import rxpush.forwarder.testing.StubbedRig;
import rxpush.testsupport.KafkaTestBroker;
import rxpush.testsupport.WithKafka;

/**
 * A series as RX must hold it (contract: "Recurring series and the sync window"): the master with its
 * recurrence, every occurrence in the window its own booking, changes notified on the master only.
 * Also a series whose occurrences reached RX through a RESYNC (the calendar window shows a series as its
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

    @Test
    void aWeeklySeriesOfTenFollowsExchangeThroughItsLifeNotifiedOnTheMasterOnly() {
        rig.exchange.put(part("weekly", null, "v1"));
        for (int week = 0; week < 10; week++) {
            rig.exchange.put(Samples.occurrence(mailbox, "weekly-" + week, "weekly", "v1", Instant.now(), week));
        }
        rig.harness.send(rig.hint(mailbox, ChangeType.CREATED, "weekly", null));

        await().atMost(WAIT).until(() -> rig.harness.committed() == 2);
        assertThat(occurrencesAtRx()).as("1 master + 10 occurrences").hasSize(10);
        BookingUpdate master = rig.rx.booking(id("weekly")).orElseThrow();
        assertThat(master.occurrenceType()).isEqualTo(BookingUpdate.OccurrenceType.SERIES_MASTER);
        assertThat(master.recurrence()).isEqualTo(Samples.WEEKLY);
        assertThat(rig.rx.booking(id("weekly-0")).orElseThrow().start())
                .as("the first slot is the first occurrence's; the master does not book it").isEqualTo(master.start());

        // Shortened to 7 weeks: the tail goes.
        for (int week = 7; week < 10; week++) {
            rig.exchange.remove(mailbox, "weekly-" + week);
        }
        rig.exchange.put(part("weekly", null, "v2"));
        int before = rig.rx.applied().size();
        rig.harness.send(rig.hint(mailbox, ChangeType.UPDATED, "weekly", null));
        await().atMost(WAIT).until(() -> rig.harness.committed() == 3);
        assertThat(occurrencesAtRx()).containsExactlyInAnyOrderElementsOf(ids(0, 1, 2, 3, 4, 5, 6));
        assertThat(rig.rx.applied().subList(before, rig.rx.applied().size()))
                .extracting(RxStub.Applied::method).containsExactlyInAnyOrder("PUT", "DELETE", "DELETE", "DELETE");

        // One occurrence cancelled: exactly that one goes.
        rig.exchange.remove(mailbox, "weekly-4");
        rig.exchange.put(part("weekly", null, "v3"));
        before = rig.rx.applied().size();
        rig.harness.send(rig.hint(mailbox, ChangeType.UPDATED, "weekly", null));
        await().atMost(WAIT).until(() -> rig.harness.committed() == 4);
        assertThat(occurrencesAtRx()).containsExactlyInAnyOrderElementsOf(ids(0, 1, 2, 3, 5, 6));
        assertThat(rig.rx.applied().subList(before, rig.rx.applied().size()))
                .extracting(RxStub.Applied::method, RxStub.Applied::bookingId)
                .containsExactlyInAnyOrder(tuple("PUT", id("weekly")), tuple("DELETE", id("weekly-4")));

        // One occurrence moved (an exception now): exactly that one is updated.
        BookingUpdate moved = Samples.occurrence(mailbox, "weekly-5", "weekly", "v2", Instant.now(), 5);
        rig.exchange.put(new BookingUpdate(moved.bookingId(), mailbox, moved.source(), moved.itemId(), moved.iCalUid(),
                "v2", moved.lastModified(), moved.subject(), moved.organizer(), moved.start().plusSeconds(7_200),
                moved.end().plusSeconds(7_200), moved.timeZone(), false, false, moved.location(), moved.sensitivity(),
                BookingUpdate.OccurrenceType.EXCEPTION, moved.seriesMasterId(), moved.attendees()));
        rig.exchange.put(part("weekly", null, "v4"));
        before = rig.rx.applied().size();
        rig.harness.send(rig.hint(mailbox, ChangeType.UPDATED, "weekly", null));
        await().atMost(WAIT).until(() -> rig.harness.committed() == 5);
        assertThat(rig.rx.applied().subList(before, rig.rx.applied().size()))
                .extracting(RxStub.Applied::method, RxStub.Applied::bookingId)
                .containsExactlyInAnyOrder(tuple("PUT", id("weekly")), tuple("PUT", id("weekly-5")));
        assertThat(rig.rx.booking(id("weekly-5")).orElseThrow().start()).isEqualTo(moved.start().plusSeconds(7_200));

        // The master deleted: every occurrence with it.
        rig.exchange.remove(mailbox, "weekly");
        rig.harness.send(rig.hint(mailbox, ChangeType.DELETED, "weekly", null));
        await().atMost(WAIT).until(() -> rig.harness.committed() == 6);
        assertThat(occurrencesAtRx()).isEmpty();
        assertThat(rig.rx.booking(id("weekly"))).isEmpty();
    }

    @Test
    void aResyncWritesTheMasterOnceAndEachOccurrenceOnceSoNoSlotIsBookedTwice() {
        rig.exchange.put(part("daily", null, "v1"));
        for (int week = 0; week < 3; week++) {
            rig.exchange.put(Samples.occurrence(mailbox, "daily-" + week, "daily", "v1", Instant.now(), week));
        }
        int before = rig.rx.applied().size();
        rig.harness.send(Samples.notification("resync-2-" + mailbox, Source.EWS, mailbox, ChangeType.RESYNC, null, null,
                Instant.now()));

        await().atMost(WAIT).until(() -> rig.harness.committed() == 2);
        assertThat(rig.rx.applied().subList(before, rig.rx.applied().size()))
                .extracting(RxStub.Applied::bookingId)
                .containsExactlyInAnyOrder(id("daily"), id("daily-0"), id("daily-1"), id("daily-2"));
        assertThat(rig.rx.booking(id("daily")).orElseThrow().occurrenceType())
                .isEqualTo(BookingUpdate.OccurrenceType.SERIES_MASTER);
    }

    private java.util.List<String> occurrencesAtRx() {
        return rig.rx.bookings().values().stream()
                .filter(b -> id("weekly").equals(b.seriesMasterId())).map(BookingUpdate::bookingId).toList();
    }

    private java.util.List<String> ids(int... weeks) {
        return java.util.Arrays.stream(weeks).mapToObj(w -> id("weekly-" + w)).toList();
    }
}
