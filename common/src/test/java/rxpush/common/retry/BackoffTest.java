package rxpush.common.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesUpToTheCap() {
        Backoff backoff = Backoff.TRANSIENT;
        assertThat(backoff.ceiling(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.ceiling(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.ceiling(1000)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void jitterStaysBetweenHalfAndTheCeiling() {
        for (int attempt = 0; attempt < 12; attempt++) {
            for (int i = 0; i < 100; i++) {
                Duration delay = Backoff.TRANSIENT.delay(attempt);
                assertThat(delay).isBetween(Backoff.TRANSIENT.ceiling(attempt).dividedBy(2), Backoff.TRANSIENT.ceiling(attempt));
            }
        }
    }

    @Test
    void theServersRequestWinsWhenLonger() {
        assertThat(Backoff.TRANSIENT.delay(0, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
        assertThat(Backoff.TRANSIENT.delay(10, Duration.ofMillis(5))).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
