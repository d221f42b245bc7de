package rxpush.ingress.ews;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WatermarkTrackerTest {

    private final WatermarkTracker tracker = new WatermarkTracker();

    @Test
    void claimsNothingWithoutHistory() {
        assertThat(tracker.isGap("m@x", "s", "W7")).isFalse();
    }

    @Test
    void consecutivePushesAreNoGap() {
        tracker.observe("m@x", "s", List.of("W0", "W1"));

        assertThat(tracker.isGap("m@x", "s", "W1")).isFalse();
    }

    @Test
    void unknownPreviousWatermarkIsAGap() {
        tracker.observe("m@x", "s", List.of("W0", "W1"));

        assertThat(tracker.isGap("m@x", "s", "W5")).isTrue();
    }

    @Test
    void retryOfAnOlderPushIsNoGap() {
        tracker.observe("m@x", "s", List.of("W0", "W1"));
        tracker.observe("m@x", "s", List.of("W1", "W2"));

        // Exchange resends the first push (its answer was lost): PreviousWatermark W0, seen before.
        assertThat(tracker.isGap("m@x", "s", "W0")).isFalse();
    }

    @Test
    void lateHeartbeatFromAnotherInstanceDoesNotCauseAGap() {
        tracker.observe("m@x", "s", List.of("W1", "W2"));
        tracker.observe("m@x", "s", List.of("W0", "W1")); // an older signal read late from the topic

        assertThat(tracker.last("m@x", "s")).isEqualTo("W1");
        assertThat(tracker.isGap("m@x", "s", "W2")).isFalse();
    }

    @Test
    void subscriptionsAndMailboxesAreSeparate() {
        tracker.observe("m@x", "s", List.of("W0", "W1"));

        assertThat(tracker.isGap("m@x", "other", "W9")).isFalse();
        assertThat(tracker.isGap("n@x", "s", "W9")).isFalse();
    }

    @Test
    void remembersABoundedNumberOfWatermarks() {
        for (int i = 0; i <= WatermarkTracker.REMEMBERED; i++) {
            tracker.observe("m@x", "s", List.of("W" + i));
        }

        assertThat(tracker.isGap("m@x", "s", "W0")).as("forgotten, so a gap").isTrue();
        assertThat(tracker.isGap("m@x", "s", "W1")).isFalse();
    }
}
