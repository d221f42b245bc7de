package rxpush.ingress.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Allocation and CPU time per call of ingress's per-request steps, in one thread, from the JVM's own
 * per-thread counters ({@code com.sun.management.ThreadMXBean}): unlike a wall clock they barely move
 * when other work shares the machine, so two builds compare even on a busy one.
 */
public final class ParseCost {

    /** One step's cost per call. */
    public record Cost(String step, long bytes, double cpuMicros) {
    }

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private ParseCost() {
    }

    /** Runs {@code step} {@code calls} times to warm up, then {@code calls} times measured. */
    public static Cost measure(String step, int calls, Callable<?> call) throws Exception {
        for (int i = 0; i < calls; i++) {
            call.call();
        }
        long bytes = THREADS.getCurrentThreadAllocatedBytes();
        long cpu = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < calls; i++) {
            call.call();
        }
        return new Cost(step, (THREADS.getCurrentThreadAllocatedBytes() - bytes) / calls,
                (THREADS.getCurrentThreadCpuTime() - cpu) / 1000.0 / calls);
    }

    /** The parse steps of an EWS push (one ModifiedEvent) and a Graph POST (one item). */
    static String markdown(int calls) throws Exception {
        List<Cost> costs = new ArrayList<>();
        costs.addAll(rxpush.ingress.ews.EwsParseCost.measure(calls));
        costs.addAll(rxpush.ingress.graph.GraphParseCost.measure(calls));
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "| per-request step (%,d calls, one thread) | bytes allocated per call | CPU us per call |%n|---|---:|---:|%n", calls));
        for (Cost c : costs) {
            out.append(String.format(Locale.ROOT, "| %s | %,d | %.1f |%n", c.step(), c.bytes(), c.cpuMicros()));
        }
        return out.toString();
    }
}
