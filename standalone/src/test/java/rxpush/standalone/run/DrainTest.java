package rxpush.standalone.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import rxpush.testsupport.MutableClock;

/**
 * The demo's drain waits for the simulator's queued deliveries (a Graph retry a minute later) and the
 * forwarder lag, not for a quiet moment at RX, and says so when its bound is hit.
 */
class DrainTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final AtomicInteger deliveries = new AtomicInteger();
    private final AtomicLong lag = new AtomicLong();
    private final List<String> progress = new ArrayList<>();

    @Test
    void aRetryQueuedForAMinuteIsWaitedForThoughNothingHappensMeanwhile() {
        deliveries.set(1);
        Drain drain = new Drain(deliveries::get, lag::get, clock, d -> {
            clock.advance(d);
            Instant now = clock.instant();
            // Graph retries its failed notification after 60 s; the forwarder needs 3 s more for it.
            if (now.equals(Instant.parse("2026-12-04T10:01:00Z"))) {
                deliveries.set(0);
                lag.set(1);
            } else if (now.equals(Instant.parse("2026-12-04T10:01:03Z"))) {
                lag.set(0);
            }
        });

        Drain.Result result = drain.run(Duration.ofMinutes(3), Duration.ofSeconds(10), progress::add);

        assertThat(result.drained()).isTrue();
        assertThat(result.took()).isBetween(Duration.ofSeconds(63), Duration.ofSeconds(64));
        assertThat(progress).hasSize(6).first().asString()
                .isEqualTo("1 delivery(ies) still queued at the Exchange simulator, forwarder lag 0 record(s)");
    }

    @Test
    void aLagThatCannotBeReadIsNotDrained() {
        lag.set(-1);
        Drain.Result result = new Drain(deliveries::get, lag::get, clock, clock::advance)
                .run(Duration.ofSeconds(5), Duration.ofSeconds(10), progress::add);
        assertThat(result.drained()).isFalse();
        assertThat(result.lag()).isEqualTo(-1);
    }

    @Test
    void theBoundIsReportedWithWhatWasLeft() {
        deliveries.set(2);
        lag.set(7);
        Drain.Result result = new Drain(deliveries::get, lag::get, clock, clock::advance)
                .run(Duration.ofSeconds(30), Duration.ofSeconds(10), progress::add);
        assertThat(result.drained()).isFalse();
        assertThat(result.took()).isEqualTo(Duration.ofSeconds(30));
        assertThat(result.deliveries()).isEqualTo(2);
        assertThat(result.lag()).isEqualTo(7);
    }

    @Test
    void oneQuietCheckIsNotEnough() {
        AtomicInteger checks = new AtomicInteger();
        Drain.Result result = new Drain(() -> checks.incrementAndGet() == 1 ? 0 : (checks.get() == 2 ? 1 : 0), lag::get,
                clock, clock::advance).run(Duration.ofSeconds(30), Duration.ofSeconds(10), progress::add);
        assertThat(result.drained()).isTrue();
        assertThat(checks.get()).isEqualTo(4);
    }
}
