package rxpush.forwarder.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void showsTheShareDoneAndAnEtaFromTheRateSoFar() {
        assertThat(ProgressBar.line(300, 1200, Duration.ofSeconds(30)))
                .isEqualTo("[#####...............]  25%  300/1200  ETA 0:01:30");
    }

    @Test
    void unknownEtaBeforeAnythingIsDoneAndZeroAtTheEnd() {
        assertThat(ProgressBar.line(0, 50, Duration.ofSeconds(5))).isEqualTo("[....................]   0%  0/50  ETA ?");
        assertThat(ProgressBar.line(50, 50, Duration.ofSeconds(5))).isEqualTo("[####################] 100%  50/50  ETA 0:00:00");
        assertThat(ProgressBar.line(7, 0, Duration.ofSeconds(5))).endsWith("0/0  ETA 0:00:00");
    }

    @Test
    void longRunsShowHours() {
        assertThat(ProgressBar.line(1, 10_000, Duration.ofSeconds(2))).endsWith("ETA 5:33:18");
    }
}
