package rxpush.simulators.resourcexpress.faults;

import java.time.Instant;

/**
 * A period, on the simulator's clock, during which RX is down.
 *
 * @param from first instant of the window (inclusive)
 * @param until end of the window (exclusive)
 * @param mode what clients see; {@code UNAVAILABLE} when omitted
 */
public record DownWindow(Instant from, Instant until, DownMode mode) {

    public DownWindow {
        if (from == null || until == null) {
            throw new IllegalArgumentException("a down window needs from and until");
        }
        if (!from.isBefore(until)) {
            throw new IllegalArgumentException("a down window's from must be before its until");
        }
        mode = mode == null ? DownMode.UNAVAILABLE : mode;
    }

    public boolean covers(Instant now) {
        return !now.isBefore(from) && now.isBefore(until);
    }
}
