package rxpush.standalone.run;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import rxpush.common.kafka.Topics;
import rxpush.standalone.doctor.KafkaSubscriptionRegistryReader;
import rxpush.subscription.ops.ForwarderGroupLag;

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

    /**
     * Waits until the Exchange simulator has nothing left to deliver and the forwarder group's lag is zero,
     * at most {@link #MAX_DRAIN}. A quiet moment at RX is not enough: a failed EWS push is retried 30 s
     * later and a failed Graph notification a minute later, and an early verdict then reports as missing
     * a booking that was only on its way (the "truth 19, rx 18, missing 1" of issue 20).
     */
    private Drain.Result drain() {
        Map<String, Object> admin = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, launcher.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin kafka = Admin.create(admin)) {
            ForwarderGroupLag lag = new ForwarderGroupLag(kafka, "rxpush-forwarder", Topics.NOTIFICATIONS,
                    Duration.ofSeconds(5), Clock.systemUTC());
            LongSupplier behind = () -> {
                lag.refresh();
                return lag.measuredAt() == null ? -1 : lag.total();
            };
            return new Drain(demo.exchange()::deliveriesOutstanding, behind, Clock.systemUTC(),
                    d -> LockSupport.parkNanos(d.toNanos()))
                    .run(MAX_DRAIN, Duration.ofSeconds(10), line -> out.println("Demo: waiting: " + line));
        }
    }

    public DemoEnvironment environment() {
        return demo;
    }

    public Launcher launcher() {
        return launcher;
    }

    /** Longer than two Graph delivery retries (1 min, then 2 min): a newcomer's Ctrl-C waits at most this. */
    static final Duration MAX_DRAIN = Duration.ofMinutes(3);

    @Override
    public void close() {
        ticker.shutdownNow();
        demo.stopWorkload();
        out.println("Demo: workload stopped; letting the last changes reach ResourceXpress...");
        Drain.Result drained;
        try {
            drained = drain();
        } catch (RuntimeException e) {
            drained = new Drain.Result(false, Duration.ZERO, -1, -1);
        }
        if (!drained.drained()) {
            out.println("Demo: stopped waiting after " + drained.took().toSeconds() + " s (the bound), with "
                    + Drain.describe(drained.deliveries(), drained.lag()) + ": the check below may count those as missing");
        }
        try {
            out.print(Verdict.text(demo.verify()));
        } catch (RuntimeException e) {
            out.println("ResourceXpress vs Exchange: not checked (" + e.getMessage() + ")");
        }
        launcher.close();
        demo.close();
    }
}
