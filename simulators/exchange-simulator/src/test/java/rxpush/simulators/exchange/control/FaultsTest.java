package rxpush.simulators.exchange.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultsTest {

    private final Faults faults = new Faults(new Faults.State(0.0, Duration.ofSeconds(30), 0.0, Duration.ofSeconds(10),
            0.0, Duration.ZERO), 1);

    @Test
    void updatesOnlyWhatIsGivenAndRollsAtTheConfiguredRate() {
        faults.update(new Faults.State(1.0, null, null, null, null, null));
        assertThat(faults.state().ewsBackOff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(faults.ewsBusyNow()).isTrue();
        assertThat(faults.graphThrottledNow()).isFalse();
        faults.update(new Faults.State(null, null, null, null, 0.5, null));
        int dropped = 0;
        for (int i = 0; i < 1000; i++) {
            dropped += faults.dropPushNow() ? 1 : 0;
        }
        assertThat(dropped).isBetween(400, 600);
    }

    @Test
    void refusesRatesOutsideZeroToOneAndNonPositiveDurations() {
        assertThatThrownBy(() -> faults.update(new Faults.State(1.5, null, null, null, null, null)))
                .hasMessageContaining("ewsBusyRate");
        assertThatThrownBy(() -> faults.update(new Faults.State(null, Duration.ZERO, null, null, null, null)))
                .hasMessageContaining("ewsBackOff");
        assertThatThrownBy(() -> faults.update(new Faults.State(null, null, null, null, null, Duration.ofSeconds(-1))))
                .hasMessageContaining("apiLatency");
        assertThat(faults.state().ewsBusyRate()).isZero();
    }
}
