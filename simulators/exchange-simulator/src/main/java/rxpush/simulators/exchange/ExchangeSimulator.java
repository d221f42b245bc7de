package rxpush.simulators.exchange;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import rxpush.simulators.exchange.calendar.Bookings;
import rxpush.simulators.exchange.calendar.CalendarStore;
import rxpush.simulators.exchange.calendar.Mailbox;
import rxpush.simulators.exchange.calendar.Truth;
import rxpush.simulators.exchange.clock.SimScheduler;
import rxpush.simulators.exchange.control.Faults;
import rxpush.simulators.exchange.control.Stats;
import rxpush.simulators.exchange.ews.EwsPush;
import rxpush.simulators.exchange.graph.GraphSubscriptions;
import rxpush.simulators.exchange.workload.WorkloadGenerator;

/**
 * A running exchange simulator, for tests of other modules, benchmarks and the standalone launcher:
 *
 * <pre>{@code
 * try (ExchangeSimulator sim = ExchangeSimulator.start(ExchangeSimulatorOptions.defaults().mailboxes(3))) {
 *     service.setUrl(sim.ewsUrl());
 *     ItemView booking = sim.bookings().create(sim.mailboxes().get(0), BookingSpec.random());
 *     sim.advance(Duration.ofMinutes(5));          // runs StatusEvents, retries, expiries on the way
 *     long fetches = sim.stats().count("ews.GetItem.items");
 * }
 * }</pre>
 *
 * It is its own Spring Boot application (config name {@code exchange-simulator}, its own port, no
 * logging re-initialisation), so it can live inside another application's test JVM.
 */
public final class ExchangeSimulator implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final URI baseUrl;
    private final SimulatorProperties properties;

    private ExchangeSimulator(ConfigurableApplicationContext context) {
        this.context = context;
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        String address = context.getEnvironment().getProperty("server.address", "127.0.0.1");
        String host = address.equals("0.0.0.0") || address.equals("::") ? "127.0.0.1" : address;
        this.baseUrl = URI.create("http://" + host + ":" + port);
        this.properties = context.getBean(SimulatorProperties.class);
    }

    public static ExchangeSimulator start() {
        return start(ExchangeSimulatorOptions.defaults());
    }

    public static ExchangeSimulator start(ExchangeSimulatorOptions options) {
        SpringApplication application = new SpringApplication(ExchangeSimulatorApplication.class);
        application.setBannerMode(Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        application.setRegisterShutdownHook(false);
        // The host JVM owns logging; a second application must not re-initialise it.
        application.setListeners(application.getListeners().stream()
                .filter(listener -> !(listener instanceof LoggingApplicationListener)).toList());
        return new ExchangeSimulator(application.run(ExchangeSimulatorApplication.withConfigName(options.toArgs())));
    }

    /** http://127.0.0.1:{port} */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The EWS endpoint, {base}/EWS/Exchange.asmx. */
    public URI ewsUrl() {
        return baseUrl.resolve("/EWS/Exchange.asmx");
    }

    /** Graph's root, {base}/v1.0 (without a trailing slash). */
    public URI graphBaseUrl() {
        return baseUrl.resolve("/v1.0");
    }

    /** The client-credentials token endpoint, {base}/{tenant}/oauth2/v2.0/token. */
    public URI tokenUrl() {
        return baseUrl.resolve("/" + properties.graph().tenantId() + "/oauth2/v2.0/token");
    }

    public String tenantId() {
        return properties.graph().tenantId();
    }

    public String clientId() {
        return properties.graph().clientId();
    }

    public String clientSecret() {
        return properties.graph().clientSecret();
    }

    /** SMTP addresses of the simulated room mailboxes. */
    public List<String> mailboxes() {
        return store().mailboxes().stream().map(Mailbox::address).toList();
    }

    /** The Graph user id (object id) of a mailbox. */
    public String graphUserId(String address) {
        return store().byAddress(address).map(Mailbox::objectId)
                .orElseThrow(() -> new IllegalArgumentException("no mailbox " + address));
    }

    /** The simulated now. */
    public Instant now() {
        return scheduler().clock().instant();
    }

    /** Moves the clock forward, running everything due on the way (pushes, retries, expiries). */
    public void advance(Duration by) {
        scheduler().advance(by);
    }

    /** Waits until no simulated work is due or running (e.g. after a change, until its pushes are sent). */
    public boolean awaitIdle(Duration timeout) {
        return scheduler().awaitIdle(timeout);
    }

    public SimScheduler scheduler() {
        return context.getBean(SimScheduler.class);
    }

    /** Create, update, move and cancel bookings directly. */
    public Bookings bookings() {
        return context.getBean(Bookings.class);
    }

    public WorkloadGenerator workload() {
        return context.getBean(WorkloadGenerator.class);
    }

        /** Per-mailbox access refusals (impersonation, Graph access policy) and the EWS policy block. */
    public rxpush.simulators.exchange.control.AccessRules access() {
        return context.getBean(rxpush.simulators.exchange.control.AccessRules.class);
    }

    /** Every mailbox's current calendar (the same as GET /sim/truth). */
    public Truth truth() {
        return Truth.of(store());
    }

    public Faults faults() {
        return context.getBean(Faults.class);
    }

    /** Request and delivery counters (the same as GET /sim/stats). */
    public Stats stats() {
        return context.getBean(Stats.class);
    }

    /** Names of the scheduled tasks that deliver to the push receiver: EWS pushes (first, batched, retried), Graph notifications. */
    private static final java.util.Set<String> DELIVERIES = java.util.Set.of("ews-first-push", "ews-push", "ews-retry",
            "graph-delivery");

    /**
     * Deliveries still to be made (queued, waiting for a retry or in flight): 0 once the simulator has
     * nothing left to send. Recurring status heartbeats do not count.
     */
    public int deliveriesOutstanding() {
        return scheduler().outstanding(DELIVERIES::contains);
    }

    /** EWS push subscriptions: their state, and silent death on demand. */
    public EwsPush ews() {
        return context.getBean(EwsPush.class);
    }

    /** Graph subscriptions: their state, endpoint throttling, lifecycle events and silent death on demand. */
    public GraphSubscriptions graph() {
        return context.getBean(GraphSubscriptions.class);
    }

    public CalendarStore store() {
        return context.getBean(CalendarStore.class);
    }

    @Override
    public void close() {
        context.close();
    }
}
