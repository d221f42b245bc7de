package rxpush.simulators.resourcexpress.faults;

/**
 * Stateless dice: a uniform number in [0, 1) from (seed, request number, switch) through the
 * SplitMix64 finalizer. No shared Random, so concurrent requests cannot disturb each other's rolls
 * and a seeded run repeats exactly.
 */
final class FaultDice {

    static final long THROTTLE = 1;
    static final long SERVER_ERROR = 2;
    static final long LOST_RESPONSE = 3;
    static final long JITTER = 4;

    private FaultDice() {
    }

    static double roll(long seed, long seq, long die) {
        long z = seed + seq * 0x9E3779B97F4A7C15L + die * 0xD1B54A32D192ED03L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }
}
