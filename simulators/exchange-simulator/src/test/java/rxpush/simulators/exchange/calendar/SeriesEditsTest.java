package rxpush.simulators.exchange.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** Series edits: what Exchange holds afterwards and that only the master is notified. */
class SeriesEditsTest {

    static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    static final String ROOM = "room-001@sim.test";
    /** Monday 7 December 2026 09:00 Berlin (the simulator's default zone). */
    static final Instant FIRST = Instant.parse("2026-12-07T08:00:00Z");

    final CalendarStore store = new CalendarStore(Clock.fixed(NOW, ZoneOffset.UTC),
            CalendarStore.generatedAddresses(1, "sim.test"), 7, Duration.ofDays(30));
    final List<List<JournalEntry>> published = new ArrayList<>();
    final Bookings bookings;

    SeriesEditsTest() {
        store.addListener((mailbox, entries) -> published.add(entries));
        bookings = new Bookings(store, 7, "contoso.test", new Bookings.Noise(0, 0, 0.5));
    }

    ItemView weeklyOfTen() {
        return bookings.createSeries(ROOM, BookingSpec.of("Planning", FIRST, FIRST.plusSeconds(3600)),
                new Recurrence(Recurrence.Pattern.WEEKLY, 1, 10));
    }

    List<ItemView> occurrences() {
        return Truth.of(store).mailbox(ROOM).occurrences();
    }

    @Test
    void aWeeklySeriesOfTenIsOneMasterAndTenOccurrences() {
        ItemView master = weeklyOfTen();

        assertThat(Truth.of(store).mailbox(ROOM).items()).singleElement()
                .satisfies(m -> assertThat(m.type()).isEqualTo(OccurrenceType.SERIES_MASTER));
        assertThat(occurrences()).hasSize(10).allSatisfy(o -> {
            assertThat(o.type()).isEqualTo(OccurrenceType.OCCURRENCE);
            assertThat(o.seriesMasterEwsId()).isEqualTo(master.ewsId());
        });
        assertThat(occurrences().getFirst().start()).isEqualTo(master.start());
        assertThat(master.graphRecurrence()).containsKey("pattern");
    }

    @Test
    void shorteningTheSeriesDropsTheTailAndItsExceptionsAndNotifiesOnlyTheMaster() {
        ItemView master = weeklyOfTen();
        bookings.updateOccurrence(occurrences().get(8).ewsId(), BookingSpec.random());
        published.clear();

        bookings.updateRecurrence(master.ewsId(), master.recurrence().endingOn(LocalDate.parse("2026-12-28")));

        assertThat(occurrences()).hasSize(4).extracting(ItemView::occurrenceIndex).containsExactly(1, 2, 3, 4);
        assertThat(published).singleElement().satisfies(entries -> assertThat(entries)
                .filteredOn(e -> e.target() == JournalEntry.Target.ITEM)
                .extracting(JournalEntry::itemId).containsOnly(master.ewsId()));
        ItemIds.Parsed fifth = ItemIds.parse(ItemIds.ewsId(store.byAddress(ROOM).orElseThrow().guid(),
                ItemIds.Kind.OCCURRENCE, Folder.CALENDAR, ItemIds.parse(master.ewsId()).orElseThrow().number(), 5))
                .orElseThrow();
        assertThat(store.byAddress(ROOM).orElseThrow().occurrenceGone(fifth)).isEqualTo("OUT_OF_RANGE");
    }

    @Test
    void cancellingOneOccurrenceRemovesExactlyThatOne() {
        weeklyOfTen();
        ItemView third = occurrences().get(2);

        bookings.cancelOccurrence(third.ewsId());

        assertThat(occurrences()).hasSize(9).extracting(ItemView::ewsId).doesNotContain(third.ewsId());
        assertThat(store.byAddress(ROOM).orElseThrow().occurrenceGone(ItemIds.parse(third.ewsId()).orElseThrow()))
                .isEqualTo("DELETED");
        assertThatThrownBy(() -> bookings.cancelOccurrence(third.ewsId())).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void movingOneOccurrenceChangesExactlyThatOne() {
        weeklyOfTen();
        List<ItemView> before = occurrences();

        ItemView moved = bookings.updateOccurrence(before.get(4).ewsId(),
                BookingSpec.of(null, before.get(4).start().plusSeconds(7200), null));

        List<ItemView> after = occurrences();
        assertThat(moved.type()).isEqualTo(OccurrenceType.EXCEPTION);
        assertThat(after.get(4).start()).isEqualTo(before.get(4).start().plusSeconds(7200));
        assertThat(after.get(4).originalStart()).isEqualTo(before.get(4).start());
        for (int i = 0; i < 10; i++) {
            if (i != 4) {
                assertThat(after.get(i).start()).isEqualTo(before.get(i).start());
            }
        }
    }

    @Test
    void changingTheSeriesTimeMovesEveryOccurrenceAndDropsExceptions() {
        ItemView master = weeklyOfTen();
        bookings.updateOccurrence(occurrences().get(1).ewsId(), BookingSpec.random());
        bookings.cancelOccurrence(occurrences().get(2).ewsId());

        bookings.update(master.ewsId(), BookingSpec.of(null, FIRST.plusSeconds(3600), FIRST.plusSeconds(7200)));

        assertThat(occurrences()).hasSize(10).allSatisfy(o -> {
            assertThat(o.type()).isEqualTo(OccurrenceType.OCCURRENCE);
            assertThat(o.start().atZone(ZoneOffset.UTC).getHour()).isEqualTo(9);
        });
    }

    @Test
    void aNewPatternStartsOnItsFirstDateWithoutExceptions() {
        ItemView master = weeklyOfTen();
        bookings.cancelOccurrence(occurrences().get(0).ewsId());

        ItemView changed = bookings.updateRecurrence(master.ewsId(), Recurrence.weekly(1,
                List.of(java.time.DayOfWeek.WEDNESDAY), Recurrence.Range.NUMBERED, null, 3));

        assertThat(changed.start()).isEqualTo(Instant.parse("2026-12-09T08:00:00Z"));
        assertThat(occurrences()).extracting(ItemView::start).containsExactly(Instant.parse("2026-12-09T08:00:00Z"),
                Instant.parse("2026-12-16T08:00:00Z"), Instant.parse("2026-12-23T08:00:00Z"));
    }

    @Test
    void aSeriesWithoutEndListsItsOccurrencesUpToTheTruthsHorizon() {
        bookings.createSeries(ROOM, BookingSpec.of("Daily", FIRST, FIRST.plusSeconds(1800)),
                new Recurrence(Recurrence.Pattern.DAILY, 1, List.of(), 0, Recurrence.Range.NO_END, null, 0));

        assertThat(Truth.of(store, Duration.ofDays(10)).mailbox(ROOM).occurrences()).hasSize(8); // 7..14 Dec (before 14 Dec 12:00)
        assertThat(occurrences()).hasSize(728); // up to 3 Dec 2028, two years (730 days) from now
    }
}
