package rxpush.ingress.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own producer benchmark ({@code org.apache.kafka.tools.ProducerPerformance}) in a child
 * JVM, with the producer settings ingress uses (acks=all, idempotence, linger.ms=2), parsed from
 * its summary line.
 */
final class ProducerPerf {

    /** The summary line: "N records sent, R records/sec (M MB/sec), A ms avg latency, X ms max latency, p50, p95, p99, p99.9". */
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), "
            + "([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th, (\\d+) ms 99.9th");

    record Result(String name, long records, double recordsPerSecond, double mbPerSecond, long p50, long p99, long p999) {
    }

    private ProducerPerf() {
    }

    /**
     * @param throughput records/s to offer, -1 for as fast as possible
     */
    static Result run(String name, String bootstrap, String topic, long records, int recordSize, int throughput)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "org.apache.kafka.tools.ProducerPerformance",
                "--topic", topic, "--num-records", Long.toString(records), "--record-size", Integer.toString(recordSize),
                "--throughput", Integer.toString(throughput),
                "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all", "enable.idempotence=true", "linger.ms=2"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("ProducerPerformance failed:\n" + output);
        }
        MatchResult summary = null;
        for (Matcher m = SUMMARY.matcher(output); m.find(); ) {
            summary = m.toMatchResult();
        }
        if (summary == null) {
            throw new IllegalStateException("no summary in ProducerPerformance output:\n" + output);
        }
        return new Result(name, Long.parseLong(summary.group(1)), Double.parseDouble(summary.group(2)),
                Double.parseDouble(summary.group(3)), Long.parseLong(summary.group(6)), Long.parseLong(summary.group(8)),
                Long.parseLong(summary.group(9)));
    }
}
