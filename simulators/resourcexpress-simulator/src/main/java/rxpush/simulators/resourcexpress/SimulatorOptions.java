package rxpush.simulators.resourcexpress;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * How {@link ResourceXpressSimulator#start(SimulatorOptions)} starts a simulator. Start from
 * {@link #defaults()} and change what the test needs.
 *
 * @param port TCP port; 0 (default) picks a free one
 * @param apiKey the ApiKey RX accepts; default a random one per simulator
 * @param dataFile journal file for bookings across restarts; default none (memory only)
 * @param seed fault dice seed; default none (random, logged)
 * @param truthUrl default truth for {@code POST /sim/verify} without a body; default none
 * @param clock the simulator's clock (request log times, down windows); default system UTC
 * @param properties any further Spring properties, e.g. {@code rxpush.rx-simulator.faults.latency}
 */
public record SimulatorOptions(int port, String apiKey, Path dataFile, Long seed, URI truthUrl, Clock clock,
        Map<String, String> properties) {

    public SimulatorOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535");
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("apiKey must not be blank");
        }
        clock = clock == null ? Clock.systemUTC() : clock;
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    public static SimulatorOptions defaults() {
        return new SimulatorOptions(0, "rx-sim-" + UUID.randomUUID(), null, null, null, Clock.systemUTC(), Map.of());
    }

    public SimulatorOptions withPort(int value) {
        return new SimulatorOptions(value, apiKey, dataFile, seed, truthUrl, clock, properties);
    }

    public SimulatorOptions withApiKey(String value) {
        return new SimulatorOptions(port, value, dataFile, seed, truthUrl, clock, properties);
    }

    public SimulatorOptions withDataFile(Path value) {
        return new SimulatorOptions(port, apiKey, value, seed, truthUrl, clock, properties);
    }

    public SimulatorOptions withSeed(long value) {
        return new SimulatorOptions(port, apiKey, dataFile, value, truthUrl, clock, properties);
    }

    public SimulatorOptions withTruthUrl(URI value) {
        return new SimulatorOptions(port, apiKey, dataFile, seed, value, clock, properties);
    }

    public SimulatorOptions withClock(Clock value) {
        return new SimulatorOptions(port, apiKey, dataFile, seed, truthUrl, value, properties);
    }

    public SimulatorOptions withProperty(String name, String value) {
        Map<String, String> more = new HashMap<>(properties);
        more.put(name, value);
        return new SimulatorOptions(port, apiKey, dataFile, seed, truthUrl, clock, more);
    }

    /** Command-line properties for the Spring context (highest precedence, above any config file). */
    String[] args() {
        Map<String, String> all = new HashMap<>();
        all.put("server.port", Integer.toString(port));
        all.put("server.address", "127.0.0.1");
        all.put("server.shutdown", "immediate");
        all.put("spring.main.banner-mode", "off");
        all.put("rxpush.rx-simulator.api-key", apiKey);
        if (dataFile != null) {
            all.put("rxpush.rx-simulator.data-file", dataFile.toString());
        }
        if (seed != null) {
            all.put("rxpush.rx-simulator.seed", seed.toString());
        }
        if (truthUrl != null) {
            all.put("rxpush.rx-simulator.truth-url", truthUrl.toString());
        }
        all.putAll(properties);
        return all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }
}
