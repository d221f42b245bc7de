package rxpush.standalone.run;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import rxpush.standalone.doctor.KafkaSubscriptionRegistryReader;

/**
 * {@code rxpush --demo}: the simulators, rx-push wired to them, and a live one-line summary, until
 * stopped. On stop it prints ResourceXpress's state checked against Exchange's truth.
 */
public final class DemoSession implements AutoCloseable {

    private final DemoEnvironment demo;
    private final Launcher launcher;
    private final ScheduledExecutorService ticker;
    private final PrintStream out;

    private DemoSession(DemoEnvironment demo, Launcher launcher, ScheduledExecutorService ticker, PrintStream out) {
        this.demo = demo;
        this.launcher = launcher;
        this.ticker = ticker;
        this.out = out;
    }

    public static DemoSession start(List<String> operatorArgs, PrintStream out) {
        long startedNanos = System.nanoTime();
        out.println("Demo: starting the Exchange (EWS + Graph) and ResourceXpress simulators...");
        DemoEnvironment demo = DemoEnvironment.start();
        Launcher launcher = new Launcher();
        try {
            launcher.start(operatorArgs, demo::serviceSettings, out);
        } catch (RuntimeException e) {
            demo.close();
            throw e;
        }
        out.println("Demo: " + demo.rooms() + " rooms (half EWS, half Graph), about " + DemoEnvironment.CHANGES_PER_SECOND
                + " booking changes/s; ResourceXpress simulator at " + demo.resourceXpress().baseUrl() + "/sim/bookings"
                + ", Exchange simulator at " + demo.exchange().baseUrl() + "/sim/truth");
        KafkaSubscriptionRegistryReader registry = new KafkaSubscriptionRegistryReader(launcher.bootstrapServers(), Duration.ofSeconds(5));
        LiveSummary summary = new LiveSummary(launcher.contexts(), () -> subscribed(registry, demo.rooms()), Clock.systemUTC());
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("rxpush-summary").factory());
        ticker.scheduleWithFixedDelay(new EverySubscribed(() -> active(registry), demo.rooms(), out, startedNanos),
                0, 1, TimeUnit.SECONDS);
        Duration every = launcher.summaryInterval();
        if (!every.isZero()) {
            ticker.scheduleAtFixedRate(() -> out.println(summary.line()), every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }
        return new DemoSession(demo, launcher, ticker, out);
    }

    private static String subscribed(KafkaSubscriptionRegistryReader registry, int rooms) {
        long active = active(registry);
        return (active < 0 ? "?" : Long.toString(active)) + "/" + rooms;
    }

    /** Mailboxes ACTIVE in the registry, or -1 when it cannot be read now. */
    private static long active(KafkaSubscriptionRegistryReader registry) {
        try {
            return registry.activeByMailbox().values().stream()
                    .filter(s -> s.status() == rxpush.common.contract.SubscriptionStatus.ACTIVE).count();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Waits until RX has seen no new request for {@link #QUIET}, at most {@link #MAX_DRAIN}. */
    private void drain() {
        long deadline = System.nanoTime() + MAX_DRAIN.toNanos();
        int seen = demo.resourceXpress().requests().size();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline && System.nanoTime() - quietSince < QUIET.toNanos()) {
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
            int now = demo.resourceXpress().requests().size();
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            }
        }
    }

    public DemoEnvironment environment() {
        return demo;
    }

    public Launcher launcher() {
        return launcher;
    }

    /** Quiet this long (no new request at RX) counts as drained: longer than the forwarder's 2 s debounce. */
    static final Duration QUIET = Duration.ofSeconds(4);
    static final Duration MAX_DRAIN = Duration.ofSeconds(30);

    @Override
    public void close() {
        ticker.shutdownNow();
        demo.stopWorkload();
        out.println("Demo: workload stopped; letting the last changes reach ResourceXpress...");
        drain();
        try {
            out.println("ResourceXpress vs Exchange: " + demo.verify().summary());
        } catch (RuntimeException e) {
            out.println("ResourceXpress vs Exchange: not checked (" + e.getMessage() + ")");
        }
        launcher.close();
        demo.close();
    }
}
