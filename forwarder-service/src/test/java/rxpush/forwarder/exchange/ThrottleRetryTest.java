package rxpush.forwarder.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThrottleRetryTest {

    private final List<Duration> waits = new ArrayList<>();
    private final ThrottleRetry retry = new ThrottleRetry(waits::add);

    @Test
    void waitsWhatTheServerAskedForUpToTheBudget() throws InterruptedException {
        assertThat(retry.waitToRetry(0, Duration.ofSeconds(1))).isTrue();
        assertThat(retry.waitToRetry(ThrottleRetry.RETRIES - 1, ThrottleRetry.MAX_WAIT)).isTrue();
        assertThat(retry.waitToRetry(ThrottleRetry.RETRIES, Duration.ofSeconds(1))).as("budget spent").isFalse();
        assertThat(waits).containsExactly(Duration.ofSeconds(1), ThrottleRetry.MAX_WAIT);
    }

    @Test
    void aWaitLongerThanTheLimitIsNotWaitedOut() throws InterruptedException {
        assertThat(retry.waitToRetry(0, ThrottleRetry.MAX_WAIT.plusMillis(1))).isFalse();
        assertThat(waits).isEmpty();
    }
}
