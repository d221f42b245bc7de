package rxpush.simulators.resourcexpress.faults;

import java.time.Duration;

/**
 * The faults one RX API request meets, decided when it arrives. Checked in this order: delay,
 * down window, rejected key, throttle, server error; {@code loseResponse} applies after a write.
 *
 * @param delay added latency
 * @param down the open down window's mode, or {@code null}
 * @param rejectStatus 401/403 when the reject-key switch is on, else 0
 * @param retryAfter the Retry-After of a 429 when throttled, else {@code null}
 * @param serverErrorStatus the 5xx to answer instead of handling, else 0
 * @param lostResponseStatus the 5xx to answer after a fresh write was recorded, else 0
 */
public record FaultPlan(Duration delay, DownMode down, int rejectStatus, Duration retryAfter, int serverErrorStatus,
        int lostResponseStatus) {

    public static final FaultPlan NONE = new FaultPlan(Duration.ZERO, null, 0, null, 0, 0);
}
