package rxpush.forwarder.simulated;

import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import rxpush.common.config.EwsSettings;
import rxpush.common.exchange.EwsServiceFactory;
import rxpush.forwarder.ForwarderSettings;
import rxpush.forwarder.exchange.EwsBookingSource;
import rxpush.forwarder.exchange.Fetched;
import rxpush.forwarder.exchange.Listed;
import rxpush.forwarder.pipeline.ForwarderMetrics;
import rxpush.forwarder.testing.Harness;
import rxpush.simulators.exchange.ExchangeSimulatorOptions;
import rxpush.simulators.exchange.calendar.BookingSpec;
import rxpush.testsupport.KafkaTestBroker;
import rxpush.testsupport.WithKafka;

/**
 * The forwarder benchmark (docs/benchmarks.md, "Forwarder"). Not part of {@code verify}; run with
 * <pre>
 * ./mvnw -B -o -pl forwarder-service verify -Dit.test=ForwarderBenchmark -Dtest=NONE \
 *     -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.mailboxes=100 -Dbench.rate=20 -Dbench.seconds=30 \
 *     -Dbench.backlog=20000 -Dbench.throughputMailboxes=1000 -Dbench.pollRates=20,0.5]
 * </pre>
 * Everything runs in one JVM on the machine: a KRaft broker, the exchange simulator (EWS), the
 * ResourceXpress simulator and the forwarder(s), with the real EWS reader and RX client. Results are
 * printed and written to {@code target/forwarder-benchmark.md}.
 *
 * <ol>
 *   <li>Freshness at a fixed rate: changes made at {@code bench.rate}/s for {@code bench.seconds};
 *       p50/p99 from the notification's receipt to RX's answer (the 2 s debounce included).</li>
 *   <li>Exchange requests per booking change: the forwarder's EWS requests during phase 1 divided by
 *       the changes; then a 60 s poller over the same mailboxes and change rate (FindItem CalendarView
 *       per mailbox per minute + GetItem for what changed), driven by the simulator's clock.</li>
 *   <li>Throughput: a backlog of {@code bench.backlog} changes forwarded by 1, 2 and 4 instances.</li>
 * </ol>
 */
@WithKafka
class ForwarderBenchmark {

    private static final int MAILBOXES = Integer.getInteger("bench.mailboxes", 100);
    private static final double RATE = Double.parseDouble(System.getProperty("bench.rate", "20"));
    private static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    private static final int BACKLOG = Integer.getInteger("bench.backlog", 20_000);
    private static final int THROUGHPUT_MAILBOXES = Integer.getInteger("bench.throughputMailboxes", 1000);
    private static final String POLL_RATES = System.getProperty("bench.pollRates", "20,0.5");
    private static final int PARTITIONS = 12;
    private static final Duration WAIT = Duration.ofMinutes(5);

    private final List<String> report = new ArrayList<>();

    private static ForwarderSettings settings() {
        ForwarderSettings d = ForwarderSettings.defaults();
        ForwarderSettings t = Harness.settings(d.debounce(), d.retryInitial(), d.retryCap());
        return new ForwarderSettings(t.groupId(), t.topicPrefix(), d.debounce(), d.resyncBack(), d.resyncAhead(),
                d.mailboxConcurrency(), d.concurrency(), d.maxBatch(), d.maxBuffered(), d.rxConnectTimeout(),
                d.rxTimeout(), d.exchangeTimeout(), d.retryInitial(), d.retryCap(), d.revokeGrace(), true);
    }

    private static ExchangeSimulatorOptions exchange(int mailboxes) {
        return ExchangeSimulatorOptions.defaults().mailboxes(mailboxes).seed(11);
    }

    @Test
    void run(KafkaTestBroker kafka) throws IOException {
        report.add("| measure | value |");
        report.add("|---|---|");
        try (SimulatedWorld world = new SimulatedWorld(kafka, exchange(MAILBOXES), settings(), PARTITIONS)) {
            Harness.Instance seeding = world.harness.start();
            seed(world);
            seeding.close();
            // A fresh instance, so its freshness histogram holds the measured phase only.
            Harness.Instance forwarder = world.harness.start();
            freshnessAndRequests(world, forwarder);
            row("freshness, polling every 60 s", "p50 30 s / p99 59.4 s (uniform wait for the next poll)");
            for (String rate : POLL_RATES.split(",")) {
                polling(world, Double.parseDouble(rate.trim()));
            }
        }
        for (int instances : new int[] {1, 2, 4}) {
            throughput(kafka, instances);
        }
        String text = String.join("\n", report) + "\n";
        System.out.println("\n=== Forwarder benchmark ===\n" + text);
        Files.writeString(Path.of("target", "forwarder-benchmark.md"), text);
    }

    /** Five bookings per mailbox, forwarded before anything is measured. */
    private static void seed(SimulatedWorld world) {
        for (String mailbox : world.exchange.mailboxes()) {
            for (int i = 0; i < 5; i++) {
                world.exchange.bookings().create(mailbox, BookingSpec.random());
            }
        }
        awaitCaughtUp(world);
    }

    private void freshnessAndRequests(SimulatedWorld world, Harness.Instance forwarder) {
        long sequenceBefore = world.exchange.store().lastSequence();
        long notificationsBefore = world.ingress.written();
        long requestsBefore = world.readerMetrics.exchangeRequestsTotal();
        long itemsBefore = world.itemsFetched();
        long getItemsBefore = world.exchange.stats().count("ews.GetItem");
        HistogramSnapshot before = forwarder.metrics.freshness().takeSnapshot();
        pace(world, RATE, Duration.ofSeconds(SECONDS));
        awaitCaughtUp(world);
        HistogramSnapshot after = forwarder.metrics.freshness().takeSnapshot();
        long changes = world.exchange.store().lastSequence() - sequenceBefore;
        long notifications = world.ingress.written() - notificationsBefore;
        long requests = world.readerMetrics.exchangeRequestsTotal() - requestsBefore;
        long items = world.itemsFetched() - itemsBefore;
        long getItems = world.exchange.stats().count("ews.GetItem") - getItemsBefore;
        row("mailboxes / partitions / debounce", MAILBOXES + " / " + PARTITIONS + " / " + settings().debounce().toMillis() + " ms");
        row("changes at " + RATE + "/s for " + SECONDS + " s", Long.toString(changes));
        row("notifications per change (from the simulator)", ratio(notifications, changes));
        row("freshness p50 / p99 (receipt -> RX answered), " + (after.count() - before.count()) + " pushes",
                percentile(after, 0.5) + " / " + percentile(after, 0.99));
        row("EWS requests per change, forwarder (GetItem " + getItems + ", all " + requests + ")", ratio(requests, changes));
        row("items fetched per change, forwarder", ratio(items, changes));
        long pushes = forwarder.metrics.pushedTotal();
        row("EWS requests per booking version RX received (" + pushes + " PUT/DELETE)", ratio(requests, pushes));
        row("RX verify after the run", world.verify().summary());
    }

    /** A 60 s poller over the same mailboxes at the same change rate, on the simulator's clock. */
    private void polling(SimulatedWorld world, double rate) {
        ForwarderMetrics counted = new ForwarderMetrics(new SimpleMeterRegistry());
        try (EwsBookingSource poller = new EwsBookingSource(new EwsServiceFactory(new EwsSettings(world.exchange.ewsUrl(),
                "svc", "pw", null, true, Duration.ofMinutes(5), Duration.ofMinutes(5)), Duration.ofSeconds(30)), counted, 4, 8)) {
            Map<String, String> seen = new HashMap<>();
            poll(world, poller, seen); // the poller's first look is not counted
            long before = counted.exchangeRequestsTotal();
            long sequenceBefore = world.exchange.store().lastSequence();
            int minutes = 3;
            double carry = 0;
            for (int minute = 0; minute < minutes; minute++) {
                for (int second = 0; second < 60; second++) {
                    world.exchange.advance(Duration.ofSeconds(1));
                    carry += rate;
                    world.exchange.workload().step((int) carry);
                    carry -= (int) carry;
                }
                poll(world, poller, seen);
            }
            long changes = world.exchange.store().lastSequence() - sequenceBefore;
            long requests = counted.exchangeRequestsTotal() - before;
            row("EWS requests per change, polling every 60 s at " + rate + " changes/s (" + minutes + " polls of "
                    + MAILBOXES + " mailboxes, " + changes + " changes, " + requests + " requests)", ratio(requests, changes));
        }
        awaitCaughtUp(world);
    }

    private static void poll(SimulatedWorld world, EwsBookingSource poller, Map<String, String> seen) {
        Instant now = world.exchange.now();
        for (String mailbox : world.exchange.mailboxes()) {
            List<String> changed = new ArrayList<>();
            for (Listed item : poller.window(mailbox, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(180)))) {
                if (!item.version().equals(seen.put(mailbox + "/" + item.itemId(), item.version()))) {
                    changed.add(item.itemId());
                }
            }
            if (!changed.isEmpty()) {
                Map<String, Fetched> fetched = poller.fetch(mailbox, changed);
                if (fetched.size() != changed.size()) {
                    throw new IllegalStateException("the poller lost items");
                }
            }
        }
    }

    private void throughput(KafkaTestBroker kafka, int instances) {
        try (SimulatedWorld world = new SimulatedWorld(kafka, exchange(THROUGHPUT_MAILBOXES), settings(), PARTITIONS)) {
            // One booking per mailbox, acknowledged one by one, so every partition has a known leader
            // before the backlog is sent without waiting.
            for (String mailbox : world.exchange.mailboxes()) {
                world.exchange.bookings().create(mailbox, BookingSpec.random());
            }
            world.ingress.waitForAcks(false);
            for (int i = 0; i < BACKLOG; i += 100) {
                world.exchange.advance(Duration.ofSeconds(1));
                world.exchange.workload().step(100);
            }
            world.ingress.flush();
            long backlog = world.ingress.written();
            long started = System.nanoTime();
            List<Harness.Instance> running = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                running.add(world.harness.start());
            }
            await().atMost(WAIT).until(() -> running.stream().mapToInt(r -> r.status.partitions().size()).sum()
                    == PARTITIONS);
            long assigned = System.nanoTime();
            awaitCaughtUp(world);
            long done = System.nanoTime();
            double seconds = (done - assigned) / 1e9;
            long pushed = running.stream().mapToLong(r -> r.metrics.pushedTotal()).sum();
            long items = world.itemsFetched();
            row("throughput, " + instances + " instance(s): " + backlog + " notifications of " + THROUGHPUT_MAILBOXES
                    + " mailboxes, " + pushed + " pushes, " + items + " items fetched",
                    String.format(Locale.ROOT, "join %.1f s, then %.1f s: %.0f notifications/s, %.0f pushes/s",
                            (assigned - started) / 1e9, seconds, backlog / seconds, pushed / seconds));
        }
    }

    /** Changes at a fixed rate in real time (the harness paces itself; this is no test). */
    private static void pace(SimulatedWorld world, double perSecond, Duration length) {
        long start = System.nanoTime();
        long end = start + length.toNanos();
        long done = 0;
        while (System.nanoTime() < end) {
            long due = (long) ((System.nanoTime() - start) / 1e9 * perSecond);
            if (due > done) {
                // A simulated second per step: EWS shows LastModifiedTime to the second, and the
                // simulator's truth would otherwise differ from it by milliseconds.
                world.exchange.advance(Duration.ofSeconds(1));
                world.exchange.workload().step((int) (due - done));
                done = due;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private static void awaitCaughtUp(SimulatedWorld world) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> world.harness.committed() >= world.ingress.written());
    }

    private void row(String measure, String value) {
        report.add("| " + measure + " | " + value + " |");
        System.out.println("BENCHMARK | " + measure + " | " + value + " |");
    }

    private static String ratio(long a, long b) {
        return b == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", (double) a / b);
    }

    private static String percentile(HistogramSnapshot snapshot, double p) {
        for (ValueAtPercentile value : snapshot.percentileValues()) {
            if (value.percentile() == p) {
                return String.format(Locale.ROOT, "%.0f ms", value.value(TimeUnit.MILLISECONDS));
            }
        }
        return "n/a";
    }
}
