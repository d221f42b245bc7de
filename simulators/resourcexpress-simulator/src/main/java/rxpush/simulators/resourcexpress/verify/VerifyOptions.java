package rxpush.simulators.resourcexpress.verify;

/**
 * How strict {@code verify} is where rx-push's design may choose.
 *
 * @param requireOccurrences when true, every live occurrence and exception of a series in the truth must be
 *     a booking at RX (missing otherwise); when false (default) RX may hold them or not, but those it holds
 *     must be current
 */
public record VerifyOptions(boolean requireOccurrences) {

    public static final VerifyOptions DEFAULT = new VerifyOptions(false);
}
