package rxpush.simulators.resourcexpress.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import rxpush.simulators.resourcexpress.bookings.SimJson;
import rxpush.testsupport.MutableClock;

class FaultsTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    final Faults faults = new Faults(clock, FaultSettings.none(42));

    @Test
    void allOffPlansNothing() {
        assertThat(faults.plan(1)).isEqualTo(FaultPlan.NONE);
    }

    @Test
    void theDiceAreAPureFunctionOfSeedRequestAndSwitch() {
        List<Double> rolls = LongStream.rangeClosed(1, 1000).mapToObj(n -> FaultDice.roll(7, n, FaultDice.THROTTLE)).toList();

        assertThat(LongStream.rangeClosed(1, 1000).mapToObj(n -> FaultDice.roll(7, n, FaultDice.THROTTLE)).toList())
                .isEqualTo(rolls);
        assertThat(rolls).allSatisfy(r -> assertThat(r).isBetween(0.0, 1.0).isLessThan(1.0));
        assertThat(rolls.stream().filter(r -> r < 0.3).count()).as("uniform enough").isBetween(250L, 350L);
        assertThat(FaultDice.roll(8, 1, FaultDice.THROTTLE)).isNotEqualTo(rolls.getFirst());
        assertThat(FaultDice.roll(7, 1, FaultDice.SERVER_ERROR)).isNotEqualTo(rolls.getFirst());
    }

    @Test
    void ratesDecidePerRequestAndRepeatForTheSameSeed() {
        faults.set(new FaultSettings.Builder().serverErrorRate(0.5).serverErrorStatus(503).throttleRate(0.2)
                .retryAfter(Duration.ofMillis(1500)).lostResponseRate(0.1).build());

        List<FaultPlan> plans = LongStream.rangeClosed(1, 200).mapToObj(faults::plan).toList();

        assertThat(faults.current().seed()).as("an omitted seed is kept").isEqualTo(42);
        assertThat(LongStream.rangeClosed(1, 200).mapToObj(faults::plan).toList()).isEqualTo(plans);
        assertThat(plans).filteredOn(p -> p.serverErrorStatus() == 503).hasSizeBetween(70, 130);
        assertThat(plans).filteredOn(p -> p.retryAfter() != null).hasSizeBetween(20, 60)
                .allSatisfy(p -> assertThat(p.retryAfter()).isEqualTo(Duration.ofMillis(1500)));
        assertThat(plans).filteredOn(p -> p.lostResponseStatus() == 503).hasSizeBetween(5, 40);
        faults.seed(43);
        assertThat(LongStream.rangeClosed(1, 200).mapToObj(faults::plan).toList()).isNotEqualTo(plans);
    }

    @Test
    void latencyWithJitterStaysInItsRange() {
        faults.latency(Duration.ofMillis(100), Duration.ofMillis(50));

        assertThat(LongStream.rangeClosed(1, 100).mapToObj(n -> faults.plan(n).delay()))
                .allSatisfy(d -> assertThat(d).isBetween(Duration.ofMillis(100), Duration.ofMillis(150)))
                .doesNotHaveDuplicates();
    }

    @Test
    void rejectApiKeyAnswers401Or403() {
        faults.rejectApiKey(true);
        assertThat(faults.plan(1).rejectStatus()).isEqualTo(401);
        faults.rejectApiKey(true, 403);
        assertThat(faults.plan(1).rejectStatus()).isEqualTo(403);
        faults.clear();
        assertThat(faults.plan(1).rejectStatus()).isZero();
    }

    @Test
    void downWindowsFollowTheClock() {
        faults.down(Duration.ofSeconds(30));
        faults.down(clock.instant().plusSeconds(60), clock.instant().plusSeconds(90), DownMode.DROP);

        assertThat(faults.plan(1).down()).isEqualTo(DownMode.UNAVAILABLE);
        clock.advance(Duration.ofSeconds(30));
        assertThat(faults.downNow()).isNull();
        clock.advance(Duration.ofSeconds(30));
        assertThat(faults.downNow()).isEqualTo(DownMode.DROP);
        clock.advance(Duration.ofSeconds(30));
        assertThat(faults.downNow()).isNull();
    }

    @Test
    void badSwitchesAreRefused() {
        assertThatThrownBy(() -> faults.serverErrors(1.5)).hasMessageContaining("serverErrorRate");
        assertThatThrownBy(() -> faults.serverErrors(0.5, 404)).hasMessageContaining("5xx");
        assertThatThrownBy(() -> faults.throttle(-0.1, Duration.ofSeconds(1))).hasMessageContaining("throttleRate");
        assertThatThrownBy(() -> faults.latency(Duration.ofMillis(-1))).hasMessageContaining("latency");
        assertThatThrownBy(() -> faults.rejectApiKey(true, 500)).hasMessageContaining("401 or 403");
        assertThatThrownBy(() -> faults.down(clock.instant(), clock.instant(), DownMode.DROP))
                .hasMessageContaining("before");
        assertThat(faults.current()).isEqualTo(FaultSettings.none(42));
    }

    @Test
    void settingsRoundTripAsJsonWithIsoDurations() {
        faults.update(b -> b.latency(Duration.ofMillis(250)).throttleRate(0.25).retryAfter(Duration.ofSeconds(3)));
        faults.down(Duration.ofMinutes(1));

        String json = SimJson.write(faults.current());

        assertThat(json).contains("\"latency\":\"PT0.25S\"").contains("\"retryAfter\":\"PT3S\"");
        assertThat(SimJson.strict().readValue(json, FaultSettings.class)).isEqualTo(faults.current());
        assertThat(SimJson.strict().readValue("{\"serverErrorRate\":0.5}", FaultSettings.class).serverErrorStatus())
                .isEqualTo(500);
        assertThatThrownBy(() -> SimJson.strict().readValue("{\"serverErrorRat\":0.5}", FaultSettings.class))
                .hasMessageContaining("serverErrorRat");
    }
}
