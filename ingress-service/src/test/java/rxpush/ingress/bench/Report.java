package rxpush.ingress.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The benchmark's results as the markdown tables of docs/benchmarks.md. */
final class Report {

    /** A measured phase; {@code records} per request is 0 for the bare endpoint (it writes nothing). */
    record Phase(LoadDriver.Result result, int items, int records) {

        double requestsPerSecond() {
            return result.acceptedPerSecond();
        }
    }

    final List<ProducerPerf.Result> raw = new ArrayList<>();
    final List<Phase> phases = new ArrayList<>();
    int recordSize;
    /** {@link ParseCost}'s table. */
    String parseCost = "";
    double loadAtStart;
    double loadAtEnd;
    private final Duration phase;
    private final int rate;
    private final int clients;
    private final int mailboxes;

    Report(Duration phase, int rate, int clients, int mailboxes) {
        this.phase = phase;
        this.rate = rate;
        this.clients = clients;
        this.mailboxes = mailboxes;
    }

    void add(LoadDriver.Result result, int items, int records) {
        phases.add(new Phase(result, items, records));
        BenchLog.log(String.format(Locale.ROOT, "  %,.0f requests/s accepted, p50 %.1f ms, p99 %.1f ms, not accepted %d",
                result.acceptedPerSecond(), result.percentileMillis(50), result.percentileMillis(99), result.failed()));
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Record size %d bytes; %s per phase; %d EWS + %d Graph subscriptions; "
                + "fixed rate %d notifications/s; saturation with %d clients; %d cores; load average %.1f at start, %.1f at end.%n%n",
                recordSize, phase, mailboxes, mailboxes, rate, clients, Runtime.getRuntime().availableProcessors(), loadAtStart,
                loadAtEnd));
        out.append(parseCost).append('\n');
        out.append("| raw producer (ProducerPerformance, acks=all) | records/s | p50 ms | p99 ms | p99.9 ms |\n");
        out.append("|---|---:|---:|---:|---:|\n");
        for (ProducerPerf.Result r : raw) {
            out.append(String.format(Locale.ROOT, "| %s | %,.0f | %d | %d | %d |%n", r.name(), r.recordsPerSecond(), r.p50(),
                    r.p99(), r.p999()));
        }
        out.append("\n| phase | accepted requests/s | notifications/s | records/s | p50 ms | p99 ms | p99.9 ms | not accepted |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Phase p : phases) {
            LoadDriver.Result r = p.result();
            out.append(String.format(Locale.ROOT, "| %s | %,.0f | %s | %s | %.1f | %.1f | %.1f | %d |%n", r.name(),
                    p.requestsPerSecond(), p.records() == 0 ? "-" : String.format(Locale.ROOT, "%,.0f", p.requestsPerSecond() * p.items()),
                    p.records() == 0 ? "-" : String.format(Locale.ROOT, "%,.0f", p.requestsPerSecond() * p.records()),
                    r.percentileMillis(50), r.percentileMillis(99), r.percentileMillis(99.9), r.failed()));
        }
        out.append("\n| ratio at saturation, same requests, same run | ingress requests/s | bare requests/s | ingress / bare |\n");
        out.append("|---|---:|---:|---:|\n");
        ratio(out, "EWS (one ModifiedEvent per push)", "EWS, saturation", "bare, EWS pushes, saturation");
        ratio(out, "Graph (one item per POST)", "Graph 1 item per POST, saturation", "bare, Graph 1 item per POST, saturation");
        return out.toString();
    }

    private void ratio(StringBuilder out, String label, String ingressPhase, String barePhase) {
        Optional<Phase> ingress = find(ingressPhase);
        Optional<Phase> bare = find(barePhase);
        if (ingress.isPresent() && bare.isPresent()) {
            out.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %.2f |%n", label, ingress.get().requestsPerSecond(),
                    bare.get().requestsPerSecond(), ingress.get().requestsPerSecond() / bare.get().requestsPerSecond()));
        }
    }

    private Optional<Phase> find(String name) {
        return phases.stream().filter(p -> p.result().name().equals(name)).findFirst();
    }
}
