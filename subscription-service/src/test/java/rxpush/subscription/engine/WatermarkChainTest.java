package rxpush.subscription.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of the EWS watermark chain (moved here from ingress: the owner judges gaps). */
class WatermarkChainTest {

    private final WatermarkChain chain = new WatermarkChain();

    @Test
    void claimsNothingWithoutHistory() {
        assertThat(chain.isGap("W7")).isFalse();
    }

    @Test
    void consecutivePushesAreNoGap() {
        chain.observe(List.of("W0", "W1"));

        assertThat(chain.isGap("W1")).isFalse();
    }

    @Test
    void anUnknownPreviousWatermarkIsAGap() {
        chain.observe(List.of("W0", "W1"));

        assertThat(chain.isGap("W5")).isTrue();
    }

    @Test
    void aPushWithoutPreviousWatermarkCannotBeJudged() {
        chain.observe(List.of("W0", "W1"));

        assertThat(chain.isGap(null)).isFalse();
    }

    @Test
    void aRetryOfAnOlderPushIsNoGap() {
        chain.observe(List.of("W0", "W1"));
        chain.observe(List.of("W1", "W2"));

        // Exchange resends the first push (its answer was lost): PreviousWatermark W0, seen before.
        assertThat(chain.isGap("W0")).isFalse();
    }

    @Test
    void aNewSubscriptionStartsAtTheWatermarkSubscribeAnswered() {
        chain.observe(List.of("W0", "W1"));
        chain.restart("S0");

        assertThat(chain.isGap("S0")).isFalse();
        assertThat(chain.isGap("W1")).as("the old subscription's watermarks are forgotten").isTrue();
        chain.restart(null);
        assertThat(chain.isGap("anything")).as("nothing known: nothing claimed").isFalse();
    }

    @Test
    void remembersABoundedNumberOfWatermarks() {
        for (int i = 0; i <= WatermarkChain.REMEMBERED; i++) {
            chain.observe(List.of("W" + i));
        }

        assertThat(chain.isGap("W0")).as("forgotten, so a gap").isTrue();
        assertThat(chain.isGap("W1")).isFalse();
        assertThat(chain.last()).isEqualTo("W" + WatermarkChain.REMEMBERED);
    }
}
