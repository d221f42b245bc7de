package rxpush.systemtests.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import rxpush.systemtests.rig.Instance;
import rxpush.systemtests.rig.LocalStack;
import rxpush.systemtests.rig.RigClasspath;
import rxpush.systemtests.rig.Role;
import rxpush.systemtests.rig.StackSpec;

/**
 * One full local stack (3 brokers, 2 ingress, 2 subscription, 3 forwarder, both simulators) shared
 * by a class's scenarios, which run in order; each scenario leaves the stack whole again.
 *
 * <p>Every scenario has the same end: stop the workload, wait until RX has converged, and require
 * zero missing, stale, extra and duplicate-applied bookings from the resourcexpress simulator's
 * {@code verify} against the exchange simulator's truth.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class StackScenarios {

    /** Booking changes per second across all rooms: {@code -Drxpush.scenario.rate}. */
    static final double RATE = Double.parseDouble(System.getProperty("rxpush.scenario.rate", "2"));
    static final Duration CONVERGE = Duration.ofSeconds(120);
    /** Convergence after faults that can kill EWS subscriptions (see {@link #converge(Duration)}). */
    static final Duration CONVERGE_AFTER_WATCHDOG = Duration.ofMinutes(4);
    /** How many of the 6 rooms are Graph mailboxes: {@code -Drxpush.scenario.graph-rooms} (default 3). */
    static final int GRAPH_ROOMS = Integer.getInteger("rxpush.scenario.graph-rooms", 3);

    LocalStack stack;
    Simulators simulators;
    ReliabilityReport report;

    abstract String runName();

    @BeforeAll
    void startStack() {
        StackSpec spec = StackSpec.defaults(RigClasspath.moduleDir().resolve("target/rig-runs/" + runName()),
                RigClasspath.of(RigClasspath.moduleDir())).withGraphRooms(GRAPH_ROOMS).withFreePortBase();
        stack = LocalStack.start(spec);
        simulators = new Simulators(stack.exchangeSimulatorUrl(), stack.rxSimulatorUrl());
        report = new ReliabilityReport(runName());
        // Every room subscribed (the registry ingress checks notifications against) before changes start.
        Duration subscribed = timeUntil("every mailbox subscribed", Duration.ofSeconds(90), () -> stack.topology()
                .instances(Role.INGRESS).stream().allMatch(ingress -> registered(ingress) >= 6));
        report.note("stack up; all 6 rooms (" + (6 - GRAPH_ROOMS) + " EWS, " + GRAPH_ROOMS + " Graph) subscribed "
                + ReliabilityReport.seconds(subscribed)
                + " after the services were ready");
    }

    @AfterAll
    void stopStack() {
        if (report != null) {
            long rss = stack.status().stream().mapToLong(LocalStack.InstanceStatus::rss).filter(r -> r > 0).sum();
            report.write(RigClasspath.moduleDir(), String.format(Locale.ROOT,
                    "Rig: %d processes on 127.0.0.1 (3 brokers RF 3 / min ISR 2, 2 ingress, 2 subscription, 3 forwarder,"
                            + " 2 simulators), %d cores, RSS at the end %d MiB; workload %.1f changes/s.",
                    stack.topology().instances().size(), Runtime.getRuntime().availableProcessors(),
                    rss / (1024 * 1024), RATE));
        }
        if (stack != null) {
            stack.close();
        }
    }

    private static int registered(Instance ingress) {
        return Http.get(ingress.adminUrl().resolve("/actuator/health/readiness")).path("components").path("registry")
                .path("details").path("subscriptions").asInt();
    }

    /** Runs the workload for {@code duration}. */
    void workloadFor(Duration duration) {
        simulators.startWorkload(RATE);
        await().pollDelay(duration).atMost(duration.plusSeconds(5)).until(() -> true);
    }

    /**
     * Stops the workload and waits until RX matches Exchange; returns the last verdict (asserted by
     * {@link #assertNothingLostOrDuplicated}).
     */
    Simulators.Verdict converge() {
        return converge(CONVERGE);
    }

    /**
     * As {@link #converge()}, with a longer budget for scenarios after which EWS subscriptions can be
     * dead: Exchange gives up on a push after status-frequency minutes of failures, and the watchdog
     * replaces the subscription from its watermark only after status-frequency + status-grace of silence
     * (2 minutes on the rig).
     */
    Simulators.Verdict converge(Duration max) {
        simulators.stopWorkload();
        AtomicReference<Simulators.Verdict> last = new AtomicReference<>();
        try {
            await().atMost(max).pollInterval(Duration.ofSeconds(2)).until(() -> {
                last.set(simulators.verify());
                return last.get().ok();
            });
        } catch (ConditionTimeoutException e) {
            // The verdict says what is wrong; the assertion reports it, the dump helps find out why.
            dumpDiagnostics();
        }
        return last.get();
    }

    /**
     * Writes what a failed convergence needs to be understood to {@code diagnostics-<time>.json} in
     * the run's directory: the full verify report, Exchange's subscriptions and counters, and every
     * subscription instance's per-mailbox status. Best effort: a part that cannot be read says so.
     */
    private void dumpDiagnostics() {
        Map<String, Object> dump = new LinkedHashMap<>();
        dump.put("verify", tryRead(simulators::verifyReport));
        dump.put("exchangeSubscriptions", tryRead(simulators::exchangeSubscriptions));
        dump.put("exchangeStats", tryRead(simulators::exchangeStats));
        for (Instance subscription : stack.topology().instances(Role.SUBSCRIPTION)) {
            dump.put(subscription.name(), tryRead(() -> Http.get(subscription.adminUrl().resolve("/api/status"))));
        }
        Path file = stack.runDirectory().root()
                .resolve("diagnostics-" + Instant.now().toString().replace(':', '-') + ".json");
        try {
            Files.writeString(file, Http.json(dump));
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not write " + file + ": " + e);
        }
    }

    private static Object tryRead(Callable<Object> read) {
        try {
            return read.call();
        } catch (Exception e) {
            return "unreadable: " + e;
        }
    }

    static void assertNothingLostOrDuplicated(Simulators.Verdict verdict) {
        assertThat(verdict.missing()).as("missing: " + verdict.counts() + "; " + verdict.firstFinding()).isZero();
        assertThat(verdict.stale()).as("stale: " + verdict.counts() + "; " + verdict.firstFinding()).isZero();
        assertThat(verdict.duplicateApplied()).as("duplicate-applied: " + verdict.counts()).isZero();
        assertThat(verdict.extra()).as("extra: " + verdict.counts() + "; " + verdict.firstFinding()).isZero();
        assertThat(verdict.truthBookings()).as("the workload made bookings").isPositive();
    }

    /** How long until {@code condition} holds (polled every 100 ms); fails after {@code max}. */
    static Duration timeUntil(String what, Duration max, Callable<Boolean> condition) {
        long started = System.nanoTime();
        await(what).atMost(max).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(condition);
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
