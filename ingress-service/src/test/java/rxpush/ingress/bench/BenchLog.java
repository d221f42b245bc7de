package rxpush.ingress.bench;

import java.util.Locale;

/** Progress lines of the benchmark on stderr, with the machine's load. */
final class BenchLog {

    private BenchLog() {
    }

    static void log(String message) {
        System.err.printf(Locale.ROOT, "[bench %tT load %.1f] %s%n", System.currentTimeMillis(), loadAverage(), message);
    }

    /** The machine's 1-minute load average: other work on it skews every number here. */
    static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
