package rxpush.standalone.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Waits, at the end of the demo, until nothing is left in flight: the Exchange simulator has no delivery
 * queued, waiting for a retry or under way (a failed EWS push is retried after 30 s, a failed Graph
 * notification after a minute), and the forwarder group's lag on the notifications topic is zero (the
 * forwarders commit only once RX applied a change). Both must hold on two checks in a row, so a delivery
 * that just landed in Kafka is seen as lag. Bounded: the result says when the bound was hit.
 */
final class Drain {

    /** The outcome: whether everything drained, how long it took, and what was left when it stopped. */
    record Result(boolean drained, Duration took, int deliveries, long lag) {
    }

    /** How the drain waits between checks; tests pass one that advances a manual clock. */
    @FunctionalInterface
    interface Pause {
        void pause(Duration duration);
    }

    static final Duration CHECK_EVERY = Duration.ofMillis(500);

    private final IntSupplier deliveries;
    private final LongSupplier lag;
    private final Clock clock;
    private final Pause pause;

    /**
     * @param deliveries deliveries the simulator still has to make
     * @param lag        the forwarder group's lag in records; negative when it cannot be read
     */
    Drain(IntSupplier deliveries, LongSupplier lag, Clock clock, Pause pause) {
        this.deliveries = deliveries;
        this.lag = lag;
        this.clock = clock;
        this.pause = pause;
    }

    /** Waits at most {@code bound}; {@code progress} hears what is left every {@code reportEvery}. */
    Result run(Duration bound, Duration reportEvery, java.util.function.Consumer<String> progress) {
        Instant start = clock.instant();
        Instant deadline = start.plus(bound);
        Instant nextReport = start.plus(reportEvery);
        int quietChecks = 0;
        int queued;
        long behind;
        while (true) {
            queued = deliveries.getAsInt();
            behind = lag.getAsLong();
            quietChecks = queued == 0 && behind == 0 ? quietChecks + 1 : 0;
            Instant now = clock.instant();
            if (quietChecks >= 2) {
                return new Result(true, Duration.between(start, now), 0, 0);
            }
            if (!now.isBefore(deadline)) {
                return new Result(false, Duration.between(start, now), queued, behind);
            }
            if (!now.isBefore(nextReport)) {
                progress.accept(describe(queued, behind));
                nextReport = now.plus(reportEvery);
            }
            pause.pause(CHECK_EVERY);
        }
    }

    static String describe(int queued, long behind) {
        return queued + " delivery(ies) still queued at the Exchange simulator, forwarder lag "
                + (behind < 0 ? "unknown" : behind + " record(s)");
    }
}
