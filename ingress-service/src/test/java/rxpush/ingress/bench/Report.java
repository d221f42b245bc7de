package rxpush.ingress.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The benchmark's results as the markdown tables of docs/benchmarks.md. */
final class Report {

    final List<ProducerPerf.Result> raw = new ArrayList<>();
    final List<LoadDriver.Result> ingress = new ArrayList<>();
    int recordSize;
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

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Record size %d bytes; %s per phase; %d EWS + %d Graph subscriptions; "
                + "fixed rate %d/s; saturation with %d clients; load average %.1f at start, %.1f at end.%n%n", recordSize,
                phase, mailboxes, mailboxes, rate, clients, loadAtStart, loadAtEnd));
        out.append("| raw producer (ProducerPerformance, acks=all) | records/s | p50 ms | p99 ms | p99.9 ms |\n");
        out.append("|---|---:|---:|---:|---:|\n");
        for (ProducerPerf.Result r : raw) {
            out.append(String.format(Locale.ROOT, "| %s | %,.0f | %d | %d | %d |%n", r.name(), r.recordsPerSecond(), r.p50(),
                    r.p99(), r.p999()));
        }
        out.append("\n| ingress phase | accepted notifications/s | records/s | p50 ms | p99 ms | p99.9 ms | not accepted |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (LoadDriver.Result r : ingress) {
            out.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %.1f | %.1f | %.1f | %d |%n", r.name(),
                    r.acceptedPerSecond(), r.acceptedPerSecond() * recordsPer(r), r.percentileMillis(50),
                    r.percentileMillis(99), r.percentileMillis(99.9), r.failed()));
        }
        double rawRate = raw.isEmpty() ? 0 : raw.getFirst().recordsPerSecond();
        out.append("\n| ratio at saturation (ingress / raw records/s) | notifications | records |\n|---|---:|---:|\n");
        for (LoadDriver.Result r : ingress) {
            if (r.name().contains("saturation")) {
                out.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f |%n", r.name().substring(0, r.name().indexOf(',')),
                        r.acceptedPerSecond() / rawRate, r.acceptedPerSecond() * recordsPer(r) / rawRate));
            }
        }
        return out.toString();
    }

    /** An EWS push of one item event writes the item and a heartbeat; a Graph POST of one item, one record. */
    private static int recordsPer(LoadDriver.Result result) {
        return result.name().startsWith("EWS") ? 2 : 1;
    }
}
