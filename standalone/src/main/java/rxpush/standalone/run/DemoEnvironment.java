package rxpush.standalone.run;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import rxpush.simulators.exchange.ExchangeSimulator;
import rxpush.simulators.exchange.ExchangeSimulatorOptions;
import rxpush.simulators.resourcexpress.ResourceXpressSimulator;
import rxpush.simulators.resourcexpress.SimulatorOptions;
import rxpush.simulators.resourcexpress.verify.VerifyReport;

/**
 * What {@code --demo} adds: the Exchange simulator (EWS and Graph, with a booking workload in real
 * time) and the ResourceXpress simulator, and the settings that wire rx-push to them. Half the rooms
 * are served over EWS, half over Graph, so both paths are visible.
 */
public final class DemoEnvironment implements AutoCloseable {

    static final int ROOMS = 6;
    /** Booking changes per second across all rooms: slow enough to follow, fast enough to see. */
    static final double CHANGES_PER_SECOND = 0.5;

    private final ExchangeSimulator exchange;
    private final ResourceXpressSimulator rx;
    private final List<String> rooms;

    private DemoEnvironment(ExchangeSimulator exchange, ResourceXpressSimulator rx, List<String> rooms) {
        this.exchange = exchange;
        this.rx = rx;
        this.rooms = rooms;
    }

    public static DemoEnvironment start() {
        List<String> rooms = IntStream.rangeClosed(1, ROOMS).mapToObj(i -> "room-" + (100 + i) + "@contoso.demo").toList();
        // The demo closes the simulators itself, after checking RX against the truth: no Spring hook of theirs.
        ResourceXpressSimulator rx = ResourceXpressSimulator.start(
                SimulatorOptions.defaults().withProperty("spring.main.register-shutdown-hook", "false"));
        try {
            ExchangeSimulator exchange = ExchangeSimulator.start(ExchangeSimulatorOptions.defaults()
                    .port(0)
                    .mailboxAddresses(rooms)
                    .realTimeClock()
                    .workload(CHANGES_PER_SECOND, true));
            return new DemoEnvironment(exchange, rx, rooms);
        } catch (RuntimeException e) {
            rx.close();
            throw e;
        }
    }

    /** The settings that point rx-push at the simulators; they win over the operator's own. */
    public Map<String, String> serviceSettings(int notificationPort) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("rxpush.tenant-url", rx.baseUrl());
        settings.put("rxpush.api-key", rx.apiKey());
        settings.put("rxpush.notification-url", "http://127.0.0.1:" + notificationPort);
        settings.put("rxpush.ews.url", exchange.ewsUrl().toString());
        settings.put("rxpush.ews.username", "svc-rxpush");
        settings.put("rxpush.ews.password", "demo");
        settings.put("rxpush.ews.use-impersonation", "true");
        settings.put("rxpush.ews.status-frequency", "1");
        settings.put("rxpush.graph.base-url", exchange.graphBaseUrl().toString());
        settings.put("rxpush.graph.token-url", exchange.tokenUrl().toString());
        settings.put("rxpush.graph.tenant-id", exchange.tenantId());
        settings.put("rxpush.graph.client-id", exchange.clientId());
        settings.put("rxpush.graph.client-secret", exchange.clientSecret());
        for (int i = 0; i < rooms.size(); i++) {
            settings.put("rxpush.mailboxes[" + i + "].address", rooms.get(i));
            settings.put("rxpush.mailboxes[" + i + "].protocol", i < rooms.size() / 2 ? "EWS" : "GRAPH");
        }
        return settings;
    }

    public int rooms() {
        return rooms.size();
    }

    /** RX's state against Exchange's truth: the no-loss oracle, shown when the demo stops. */
    public VerifyReport verify() {
        return rx.verify(URI.create(exchange.baseUrl() + "/sim/truth"));
    }

    public ResourceXpressSimulator resourceXpress() {
        return rx;
    }

    public ExchangeSimulator exchange() {
        return exchange;
    }

    /** Stops the workload first, so the last changes can still drain while rx-push runs. */
    public void stopWorkload() {
        exchange.workload().stop();
    }

    public Duration changeInterval() {
        return Duration.ofMillis((long) (1000 / CHANGES_PER_SECOND));
    }

    @Override
    public void close() {
        try {
            exchange.close();
        } finally {
            rx.close();
        }
    }
}
