package rxpush.forwarder.simulated;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import rxpush.common.config.EwsSettings;
import rxpush.common.exchange.EwsServiceFactory;
import rxpush.forwarder.ForwarderSettings;
import java.net.http.HttpClient;
import rxpush.common.config.GraphSettings;
import rxpush.common.contract.Source;
import rxpush.common.exchange.GraphHttp;
import rxpush.common.exchange.GraphTokenProvider;
import rxpush.forwarder.exchange.BookingSource;
import rxpush.forwarder.exchange.EwsBookingSource;
import rxpush.forwarder.exchange.GraphBookingSource;
import rxpush.forwarder.pipeline.ForwarderMetrics;
import rxpush.forwarder.testing.Harness;
import rxpush.forwarder.testing.SimulatedIngress;
import rxpush.simulators.exchange.ExchangeSimulator;
import rxpush.simulators.exchange.ExchangeSimulatorOptions;
import rxpush.simulators.resourcexpress.ResourceXpressSimulator;
import rxpush.simulators.resourcexpress.SimulatorOptions;
import rxpush.simulators.resourcexpress.verify.VerifyReport;
import rxpush.testsupport.KafkaTestBroker;

/**
 * Exchange simulator -> (ingress stand-in) -> Kafka -> forwarder(s) -> ResourceXpress simulator, with
 * the real EWS reader and RX client. Used by the integration tests and the benchmark.
 */
public final class SimulatedWorld implements AutoCloseable {

    public final ExchangeSimulator exchange;
    public final ResourceXpressSimulator rx;
    public final Harness harness;
    public final SimulatedIngress ingress;
    public final ForwarderMetrics readerMetrics = new ForwarderMetrics(new SimpleMeterRegistry());
    private final EwsBookingSource ews;

    public SimulatedWorld(KafkaTestBroker kafka, int mailboxes, ForwarderSettings settings) {
        this(kafka, ExchangeSimulatorOptions.defaults().mailboxes(mailboxes).seed(42), settings);
    }

    public SimulatedWorld(KafkaTestBroker kafka, ExchangeSimulatorOptions options, ForwarderSettings settings) {
        this(kafka, options, settings, Harness.PARTITIONS);
    }

    public SimulatedWorld(KafkaTestBroker kafka, ExchangeSimulatorOptions options, ForwarderSettings settings,
            int partitions) {
        this(kafka, options, settings, partitions, Source.EWS);
    }

    /** @param protocol whether the mailboxes are read through EWS or through Graph */
    public SimulatedWorld(KafkaTestBroker kafka, ExchangeSimulatorOptions options, ForwarderSettings settings,
            int partitions, Source protocol) {
        exchange = ExchangeSimulator.start(options);
        rx = ResourceXpressSimulator.start(SimulatorOptions.defaults().withSeed(7));
        ews = new EwsBookingSource(new EwsServiceFactory(new EwsSettings(exchange.ewsUrl(), "svc", "pw", null, true,
                Duration.ofMinutes(5), Duration.ofMinutes(5)), settings.exchangeTimeout()), readerMetrics,
                settings.mailboxConcurrency(), 32);
        BookingSource reader = protocol == Source.EWS ? ews : graph(settings);
        harness = new Harness(kafka, URI.create(rx.baseUrl()), rx.apiKey(), List.of(reader), settings, Clock.systemUTC(),
                partitions);
        ingress = new SimulatedIngress(exchange, kafka, harness.notifications, protocol);
        // The subscription service would have registered them: the forwarder acts on registered mailboxes only.
        for (String mailbox : exchange.mailboxes()) {
            harness.register(mailbox, protocol == Source.GRAPH ? rxpush.common.contract.Protocol.GRAPH
                    : rxpush.common.contract.Protocol.EWS);
        }
    }

    private GraphBookingSource graph(ForwarderSettings settings) {
        GraphSettings graph = new GraphSettings(exchange.graphBaseUrl(), exchange.tokenUrl(), exchange.tenantId(),
                exchange.clientId(), exchange.clientSecret());
        HttpClient http = HttpClient.newHttpClient();
        Clock clock = Clock.systemUTC();
        return new GraphBookingSource(new GraphHttp(graph, http, new GraphTokenProvider(graph, http, clock,
                settings.exchangeTimeout()), clock, settings.exchangeTimeout()), readerMetrics,
                settings.mailboxConcurrency());
    }

    /** RX compared with the exchange simulator's ground truth. */
    public VerifyReport verify() {
        return rx.verify(exchange.baseUrl().resolve("/sim/truth"));
    }

    /** Item fetches EWS answered (GetItem items, not requests). */
    public long itemsFetched() {
        return exchange.stats().count("ews.GetItem.items");
    }

    @Override
    public void close() {
        harness.close();
        ingress.close();
        ews.close();
        rx.close();
        exchange.close();
    }
}
