package rxpush.standalone.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The demo's readiness signal: prints {@value #LINE} once, the first time the subscription registry
 * shows every configured mailbox ACTIVE. Users read it as "the demo is up"; the start-up tests wait
 * for it. Polled by the demo's ticker; after the line is printed a poll does nothing.
 */
final class EverySubscribed implements Runnable {

    static final String LINE = "Demo: every mailbox subscribed";

    private final LongSupplier active;
    private final int total;
    private final PrintStream out;
    private final long startedNanos;
    private volatile boolean announced;

    /**
     * @param active mailboxes ACTIVE in the registry now, or a negative number when it cannot be read
     */
    EverySubscribed(LongSupplier active, int total, PrintStream out, long startedNanos) {
        this.active = active;
        this.total = total;
        this.out = out;
        this.startedNanos = startedNanos;
    }

    @Override
    public void run() {
        if (announced) {
            return;
        }
        long now = active.getAsLong();
        if (now >= total) {
            announced = true;
            Duration after = Duration.ofNanos(System.nanoTime() - startedNanos);
            out.printf("%s (%d/%d), %.1f s after start%n", LINE, now, total, after.toMillis() / 1000.0);
        }
    }
}
