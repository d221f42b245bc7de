package rxpush.subscription.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import rxpush.testsupport.MutableClock;

/** The subscribe backlog's done/total, rate and ETA. */
class ProgressTest {

    @Test
    void rateAndEtaFollowTheBacklog() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-02T08:00:00Z"));
        Progress progress = new Progress(clock);
        progress.add(1000);
        clock.advance(Duration.ofSeconds(10));
        for (int i = 0; i < 200; i++) {
            progress.done();
        }
        Progress.Snapshot s = progress.snapshot();
        assertThat(s.done()).isEqualTo(200);
        assertThat(s.total()).isEqualTo(1000);
        assertThat(s.perSecond()).isEqualTo(20.0);
        assertThat(s.eta()).isEqualTo(Duration.ofSeconds(40));
        assertThat(progress.log()).isTrue();
    }

    @Test
    void aFinishedBacklogIsReportedOnceAndANewOneStartsAfresh() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-02T08:00:00Z"));
        Progress progress = new Progress(clock);
        progress.add(2);
        progress.done();
        progress.done();
        progress.done();
        assertThat(progress.snapshot().done()).isEqualTo(2);
        assertThat(progress.log()).isFalse();
        assertThat(progress.log()).isFalse();
        progress.add(5);
        assertThat(progress.snapshot().total()).isEqualTo(5);
        assertThat(progress.snapshot().done()).isZero();
    }
}
