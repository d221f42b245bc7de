package rxpush.simulators.exchange.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import rxpush.simulators.exchange.calendar.Bookings;
import rxpush.simulators.exchange.calendar.CalendarStore;
import rxpush.simulators.exchange.calendar.Truth;
import rxpush.simulators.exchange.clock.SimClock;
import rxpush.simulators.exchange.clock.SimScheduler;
import rxpush.simulators.exchange.control.Stats;

class WorkloadGeneratorTest {

    private final SimClock clock = new SimClock(SimClock.Mode.MANUAL, Instant.parse("2026-11-02T07:00:00Z"), 1);
    private final SimScheduler scheduler = new SimScheduler(clock, "wl");
    private final CalendarStore store = new CalendarStore(clock, CalendarStore.generatedAddresses(5, "sim.test"), 3,
            Duration.ofDays(30));
    private final Stats stats = new Stats();
    private final WorkloadGenerator generator = new WorkloadGenerator(store,
            new Bookings(store, 3, "contoso.test", new Bookings.Noise(0.5, 0.3, 0.5)), scheduler, stats,
            new WorkloadGenerator.Settings(2.5, Duration.ofSeconds(1), 2, 0.35, 0.35, 0.1, 0.2, 0.2), 3);

    @AfterEach
    void close() {
        scheduler.close();
    }

    @Test
    void makesRateTimesSimulatedSecondsChangesOfEveryKind() {
        generator.seedInitialBookings();
        assertThat(store.lastSequence()).isEqualTo(10);
        generator.start();
        scheduler.advance(Duration.ofMinutes(2));
        assertThat(store.lastSequence()).isEqualTo(10 + 300);
        generator.stop();
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(store.lastSequence()).isEqualTo(310);
        assertThat(stats.snapshot()).containsKeys("workload.create", "workload.update", "workload.move",
                "workload.cancel");
        Truth truth = Truth.of(store);
        assertThat(truth.mailboxes().stream().mapToInt(m -> m.items().size()).sum()).isPositive();
        assertThat(truth.mailboxes().stream().mapToInt(m -> m.occurrences().size()).sum()).isPositive();
        assertThat(truth.mailboxes().stream().mapToInt(m -> m.deleted().size()).sum()).isPositive();
    }

    @Test
    void stepMakesChangesNowAndTheRateMustBePositive() {
        assertThat(generator.step(25)).isEqualTo(25);
        assertThatThrownBy(() -> generator.start(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(generator.running()).isFalse();
    }

    @Test
    void seriesEditsOfEveryKindLeaveATruthEveryReaderAgreesWith() {
        WorkloadGenerator series = new WorkloadGenerator(store,
                new Bookings(store, 3, "contoso.test", new Bookings.Noise(0, 0, 0.5)), scheduler, stats,
                new WorkloadGenerator.Settings(1, Duration.ofSeconds(1), 3, 0.2, 0.1, 0, 0.05, 0.5, 0.65), 5);
        series.seedInitialBookings();
        assertThat(Truth.of(store).mailboxes()).allSatisfy(m -> assertThat(m.items())
                .filteredOn(i -> i.type() == rxpush.simulators.exchange.calendar.OccurrenceType.SERIES_MASTER)
                .isNotEmpty());

        series.step(400);

        assertThat(stats.snapshot()).containsKeys("workload.series.shorten", "workload.series.cancel_occurrence",
                "workload.series.move_occurrence", "workload.series.change_time", "workload.series_edit");
        Truth truth = Truth.of(store);
        for (Truth.MailboxTruth mailbox : truth.mailboxes()) {
            var box = store.byAddress(mailbox.address()).orElseThrow();
            for (var occurrence : mailbox.occurrences()) {
                var parsed = rxpush.simulators.exchange.calendar.ItemIds.parse(occurrence.ewsId()).orElseThrow();
                assertThat(box.find(parsed)).as("occurrence %s resolves", occurrence.ewsId())
                        .hasValueSatisfying(found -> {
                            assertThat(found.start()).isEqualTo(occurrence.start());
                            assertThat(found.changeKey()).isEqualTo(occurrence.changeKey());
                        });
                assertThat(mailbox.items()).anySatisfy(m -> assertThat(m.ewsId()).isEqualTo(occurrence.seriesMasterEwsId()));
            }
        }
    }
}
