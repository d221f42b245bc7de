package rxpush.simulators.exchange.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimSchedulerTest {

    private static final Instant T0 = Instant.parse("2026-11-02T07:00:00Z");
    private final SimClock clock = new SimClock(SimClock.Mode.MANUAL, T0, 1);
    private final SimScheduler scheduler = new SimScheduler(clock, "test");

    @AfterEach
    void close() {
        scheduler.close();
    }

    @Test
    void advanceRunsEachTaskAtItsOwnInstantInOrder() {
        List<String> ran = new CopyOnWriteArrayList<>();
        scheduler.schedule(T0.plusSeconds(90), "b", () -> ran.add("b@" + clock.instant()));
        scheduler.schedule(T0.plusSeconds(30), "a", () -> {
            ran.add("a@" + clock.instant());
            scheduler.schedule(clock.instant().plusSeconds(30), "a2", () -> ran.add("a2@" + clock.instant()));
        });
        scheduler.schedule(T0.plusSeconds(300), "late", () -> ran.add("late"));

        scheduler.advance(Duration.ofMinutes(2));

        assertThat(ran).containsExactly("a@" + T0.plusSeconds(30), "a2@" + T0.plusSeconds(60), "b@" + T0.plusSeconds(90));
        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(120));
        scheduler.advance(Duration.ofMinutes(3));
        assertThat(ran).endsWith("late");
    }

    @Test
    void tasksDueNowRunWithoutAdvancingAndCancelledOnesNever() {
        List<String> ran = new CopyOnWriteArrayList<>();
        SimScheduler.Handle cancelled = scheduler.schedule(T0.plusSeconds(1), "x", () -> ran.add("cancelled"));
        cancelled.cancel();
        scheduler.schedule(T0, "now", () -> ran.add("now"));
        assertThat(scheduler.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(ran).containsExactly("now");
        assertThat(clock.instant()).isEqualTo(T0);
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(ran).containsExactly("now");
    }

    @Test
    void aFailingTaskDoesNotStopTheOthers() {
        List<String> ran = new CopyOnWriteArrayList<>();
        scheduler.schedule(T0.plusSeconds(1), "boom", () -> {
            throw new IllegalStateException("boom");
        });
        scheduler.schedule(T0.plusSeconds(2), "after", () -> ran.add("after"));
        scheduler.advance(Duration.ofSeconds(3));
        assertThat(ran).containsExactly("after");
    }

    @Test
    void timeOnlyMovesForward() {
        assertThatThrownBy(() -> scheduler.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SimClock(SimClock.Mode.REAL_TIME, T0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRealTimeClockFollowsTheWallClockTimesItsSpeedAndCanStillJump() {
        SimClock fast = new SimClock(SimClock.Mode.REAL_TIME, T0, 3600);
        try (SimScheduler realTime = new SimScheduler(fast, "rt")) {
            List<Instant> ran = new CopyOnWriteArrayList<>();
            realTime.schedule(T0.plusSeconds(60), "soon", () -> ran.add(fast.instant()));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 1);
            assertThat(ran.getFirst()).isAfterOrEqualTo(T0.plusSeconds(60));
            realTime.advance(Duration.ofDays(1));
            assertThat(fast.instant()).isAfter(T0.plus(Duration.ofDays(1)));
        }
    }
}
