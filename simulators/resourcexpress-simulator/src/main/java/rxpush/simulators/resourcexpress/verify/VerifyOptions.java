package rxpush.simulators.resourcexpress.verify;

import java.time.Duration;

/**
 * How strict {@code verify} is where rx-push's design may choose.
 *
 * @param requireOccurrences when true, every live occurrence and exception of a series in the truth must be
 *     a booking at RX (missing otherwise); when false (default) RX may hold them or not, but those it holds
 *     must be current
 * @param series the contract's amendment "Recurring series and the sync window": every occurrence and
 *     exception whose start lies in the window is a required booking, judged on its own (missing, stale,
 *     duplicate-applied, extra); occurrences outside the window are not judged unless Exchange no longer
 *     has them (then RX must not hold them); a master must be held as SERIES_MASTER with Exchange's
 *     recurrence and never counts as booking a slot; an occurrence must name its master's bookingId;
 *     two bookings of one series holding the same slot are reported as double-booked
 * @param windowBack the window starts this long before the truth's {@code at} (series only)
 * @param windowAhead the window ends this long after it (series only)
 */
public record VerifyOptions(boolean requireOccurrences, boolean series, Duration windowBack, Duration windowAhead) {

    /** The contract's default sync window: 1 day back, 365 days ahead. */
    public static final Duration DEFAULT_BACK = Duration.ofDays(1);
    public static final Duration DEFAULT_AHEAD = Duration.ofDays(365);

    public static final VerifyOptions DEFAULT = new VerifyOptions(false);

    public VerifyOptions {
        windowBack = windowBack == null ? DEFAULT_BACK : windowBack;
        windowAhead = windowAhead == null ? DEFAULT_AHEAD : windowAhead;
        if (windowBack.isNegative() || windowAhead.isNegative()) {
            throw new IllegalArgumentException("the sync window's back and ahead must not be negative");
        }
    }

    public VerifyOptions(boolean requireOccurrences) {
        this(requireOccurrences, false, null, null);
    }

    /** Series verify over the contract's default window. */
    public static VerifyOptions forSeries() {
        return new VerifyOptions(true, true, null, null);
    }

    /** Series verify over the window from {@code back} before to {@code ahead} after the truth's instant. */
    public static VerifyOptions forSeries(Duration back, Duration ahead) {
        return new VerifyOptions(true, true, back, ahead);
    }
}
