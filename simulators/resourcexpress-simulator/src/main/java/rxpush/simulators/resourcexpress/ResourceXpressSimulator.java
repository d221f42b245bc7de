package rxpush.simulators.resourcexpress;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ConfigurableApplicationContext;
import rxpush.simulators.resourcexpress.bookings.BookingStore;
import rxpush.simulators.resourcexpress.bookings.BookingVersion;
import rxpush.simulators.resourcexpress.bookings.StoredBooking;
import rxpush.simulators.resourcexpress.faults.Faults;
import rxpush.simulators.resourcexpress.requests.RequestLog;
import rxpush.simulators.resourcexpress.requests.RequestRecord;
import rxpush.simulators.resourcexpress.verify.Truth;
import rxpush.simulators.resourcexpress.verify.Verifier;
import rxpush.simulators.resourcexpress.verify.VerifyOptions;
import rxpush.simulators.resourcexpress.verify.VerifyReport;

/**
 * A running ResourceXpress simulator, for other modules' tests:
 * <pre>{@code
 * try (ResourceXpressSimulator rx = ResourceXpressSimulator.start(SimulatorOptions.defaults().withSeed(7))) {
 *     // configure the forwarder with rxpush.tenant-url = rx.baseUrl(), rxpush.api-key = rx.apiKey()
 *     assertThat(rx.verify(Truth.fetch(exchangeTruthUrl)).ok()).isTrue();
 * }
 * }</pre>
 * Its own Spring context (config file resourcexpress-simulator.properties, a free port on
 * 127.0.0.1), so it shares a test JVM with other applications.
 */
public final class ResourceXpressSimulator implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final String apiKey;
    private final int port;

    private ResourceXpressSimulator(ConfigurableApplicationContext context, String apiKey) {
        this.context = context;
        this.apiKey = apiKey;
        this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "-1"));
    }

    public static ResourceXpressSimulator start() {
        return start(SimulatorOptions.defaults());
    }

    public static ResourceXpressSimulator start(SimulatorOptions options) {
        return new ResourceXpressSimulator(RxSimulatorApplication.run(options.clock(), options.args()),
                options.apiKey());
    }

    /** The TenantUrl to configure a client with, e.g. {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code baseUrl() + "/api/push/v1"}. */
    public String apiUrl() {
        return baseUrl() + "/api/push/v1";
    }

    public int port() {
        return port;
    }

    public String apiKey() {
        return apiKey;
    }

    /** Every stored booking, ordered by bookingId. */
    public List<StoredBooking> bookings() {
        return store().bookings();
    }

    public Optional<StoredBooking> booking(String bookingId) {
        return store().find(bookingId);
    }

    /** How often each version was applied. */
    public Map<BookingVersion, Integer> applications() {
        return store().applications();
    }

    /** Every RX API request, oldest first. */
    public List<RequestRecord> requests() {
        return requestLog().all();
    }

    public List<RequestRecord> requests(String bookingId) {
        return requestLog().forBooking(bookingId);
    }

    public VerifyReport verify(Truth truth) {
        return verify(truth, VerifyOptions.DEFAULT);
    }

    public VerifyReport verify(Truth truth, VerifyOptions options) {
        return Verifier.verify(truth, store().bookings(), store().applications(),
                context.getBean(Clock.class).instant(), options);
    }

    /** Fetches the truth (e.g. the exchange-simulator's /sim/truth) and verifies against it. */
    public VerifyReport verify(URI truthUrl) {
        return verify(Truth.fetch(truthUrl), VerifyOptions.DEFAULT);
    }

    public VerifyReport verify(URI truthUrl, VerifyOptions options) {
        return verify(Truth.fetch(truthUrl), options);
    }

    public Faults faults() {
        return context.getBean(Faults.class);
    }

    /** Forgets bookings, keys, counts and requests (also in the data file) and turns faults off. */
    public void reset() {
        context.getBean(SimReset.class).reset();
    }

    public boolean isRunning() {
        return context.isRunning();
    }

    @Override
    public void close() {
        context.close();
    }

    private BookingStore store() {
        return context.getBean(BookingStore.class);
    }

    private RequestLog requestLog() {
        return context.getBean(RequestLog.class);
    }
}
