package rxpush.simulators.exchange.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class BookingsTest {

    private static final Instant NOW = Instant.parse("2026-11-02T07:00:00Z");
    private final CalendarStore store = new CalendarStore(Clock.fixed(NOW, ZoneOffset.UTC),
            CalendarStore.generatedAddresses(2, "sim.test"), 7, Duration.ofDays(30));
    private final List<List<JournalEntry>> published = new ArrayList<>();

    private Bookings bookings(double noise) {
        store.addListener((mailbox, entries) -> published.add(entries));
        return new Bookings(store, 7, "contoso.test", new Bookings.Noise(noise, noise, 0.5));
    }

    @Test
    void quietChangesLeaveTwoOrThreeEventsNoisyOnesFour() {
        Bookings quiet = bookings(0);
        ItemView item = quiet.create("room-001@sim.test", BookingSpec.random());
        quiet.update(item.ewsId(), BookingSpec.random());
        quiet.cancel(item.ewsId());
        assertThat(published).extracting(List::size).containsExactly(2, 2, 3);
        assertThat(published.get(0)).extracting(JournalEntry::kind)
                .containsExactly(JournalEntry.Kind.CREATED, JournalEntry.Kind.MODIFIED);
        assertThat(published.get(0).get(1).target()).isEqualTo(JournalEntry.Target.FOLDER);
        assertThat(published.stream().flatMap(List::stream).map(JournalEntry::sequence).distinct())
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void noisyChangesAddTheAttendantUpdateAndFreeBusy() {
        Bookings noisy = bookings(1);
        noisy.create("room-001@sim.test", BookingSpec.random());
        assertThat(published.getFirst()).hasSize(4).extracting(JournalEntry::target).containsExactly(
                JournalEntry.Target.ITEM, JournalEntry.Target.FOLDER, JournalEntry.Target.ITEM,
                JournalEntry.Target.FREEBUSY);
        assertThat(published.getFirst().get(0).changeKey()).isNotEqualTo(published.getFirst().get(2).changeKey());
    }

    @Test
    void versionsStayOrderedWhenTheClockStandsStill() {
        Bookings quiet = bookings(0);
        ItemView v1 = quiet.create("room-001@sim.test", BookingSpec.random());
        ItemView v2 = quiet.update(v1.ewsId(), BookingSpec.random());
        ItemView v3 = quiet.update(v1.ewsId(), BookingSpec.random());
        assertThat(v2.lastModified()).isAfter(v1.lastModified());
        assertThat(v3.lastModified()).isAfter(v2.lastModified());
        assertThat(v3.changeKey()).isNotEqualTo(v2.changeKey());
        assertThat(v3.sequence()).isEqualTo(3);
    }

    @Test
    void aMoveCancelsInOneRoomAndCreatesTheSameMeetingInTheOther() {
        Bookings quiet = bookings(0);
        ItemView original = quiet.create("room-001@sim.test", BookingSpec.of("Sync", NOW.plusSeconds(3600),
                NOW.plusSeconds(7200)));
        ItemView moved = quiet.move(original.immutableId(), "room-002@sim.test");
        assertThat(moved.iCalUid()).isEqualTo(original.iCalUid());
        assertThat(moved.subject()).isEqualTo("Sync");
        assertThat(moved.mailbox()).isEqualTo("room-002@sim.test");
        Truth truth = Truth.of(store);
        assertThat(truth.mailbox("room-001@sim.test").items()).isEmpty();
        assertThat(truth.mailbox("room-001@sim.test").deleted()).singleElement()
                .satisfies(t -> assertThat(t.ewsId()).isEqualTo(original.ewsId()));
        assertThat(truth.mailbox("room-002@sim.test").items()).extracting(ItemView::ewsId).containsExactly(moved.ewsId());
        assertThat(truth.lastSequence()).isEqualTo(2);
        assertThatThrownBy(() -> quiet.update(original.ewsId(), BookingSpec.random()))
                .isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> quiet.move(moved.ewsId(), "room-002@sim.test"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> quiet.create("nobody@sim.test", BookingSpec.random()))
                .isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void seriesExpandIntoOccurrencesWithExceptionsAndDeletedOnes() {
        Bookings quiet = bookings(0);
        ItemView master = quiet.createSeries("room-001@sim.test", BookingSpec.of("Daily", NOW.plusSeconds(3600),
                NOW.plusSeconds(5400)), new Recurrence(Recurrence.Pattern.DAILY, 1, 4));
        List<ItemView> occurrences = Truth.of(store).mailbox("room-001@sim.test").occurrences();
        assertThat(occurrences).hasSize(4).allSatisfy(o -> {
            assertThat(o.type()).isEqualTo(OccurrenceType.OCCURRENCE);
            assertThat(o.seriesMasterEwsId()).isEqualTo(master.ewsId());
        });
        ItemView exception = quiet.updateOccurrence(occurrences.get(1).ewsId(), BookingSpec.random().withSubject("Moved"));
        quiet.cancelOccurrence(occurrences.get(2).ewsId());
        List<ItemView> after = Truth.of(store).mailbox("room-001@sim.test").occurrences();
        assertThat(after).hasSize(3);
        assertThat(after.get(1).type()).isEqualTo(OccurrenceType.EXCEPTION);
        assertThat(after.get(1).subject()).isEqualTo("Moved");
        assertThat(exception.start()).isEqualTo(occurrences.get(1).start());
        ItemView masterNow = Truth.of(store).mailbox("room-001@sim.test").items().getFirst();
        assertThat(masterNow.series().modified()).hasSize(1);
        assertThat(masterNow.series().deleted()).containsExactly(occurrences.get(2).start());
        assertThat(store.find(occurrences.get(2).ewsId())).isEmpty();
        assertThatThrownBy(() -> quiet.update(master.ewsId(), BookingSpec.of("x", NOW, NOW.minusSeconds(1))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
