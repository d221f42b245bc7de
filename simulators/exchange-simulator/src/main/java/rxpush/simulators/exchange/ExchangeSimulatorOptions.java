package rxpush.simulators.exchange;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@link ExchangeSimulator#start(ExchangeSimulatorOptions)} starts a simulator. The defaults suit
 * tests: a random port on 127.0.0.1, 10 room mailboxes, a MANUAL clock (time moves only when a test
 * advances it) and no generated workload. Each setter is a shorthand for one
 * {@code rxpush.exchange-simulator.*} property; {@link #property(String, String)} sets any other.
 */
public final class ExchangeSimulatorOptions {

    static final String PREFIX = "rxpush.exchange-simulator.";

    private final Map<String, String> properties = new LinkedHashMap<>();

    private ExchangeSimulatorOptions() {
        properties.put("server.port", "0");
        properties.put("server.address", "127.0.0.1");
        properties.put(PREFIX + "clock.mode", "MANUAL");
    }

    public static ExchangeSimulatorOptions defaults() {
        return new ExchangeSimulatorOptions();
    }

    /** A fixed port (0, the default, picks a free one). */
    public ExchangeSimulatorOptions port(int port) {
        return set("server.port", Integer.toString(port));
    }

    /** Generated mailboxes room-001@sim.contoso.com ... */
    public ExchangeSimulatorOptions mailboxes(int count) {
        return property("mailboxes.count", Integer.toString(count));
    }

    /** Explicit mailbox addresses instead of generated ones. */
    public ExchangeSimulatorOptions mailboxAddresses(List<String> addresses) {
        return property("mailboxes.addresses", String.join(",", addresses));
    }

    public ExchangeSimulatorOptions seed(long seed) {
        return property("seed", Long.toString(seed));
    }

    /** The clock follows the wall clock (for demos); tests keep the default manual clock. */
    public ExchangeSimulatorOptions realTimeClock() {
        return property("clock.mode", "REAL_TIME");
    }

    public ExchangeSimulatorOptions clockStart(Instant start) {
        return property("clock.start", start.toString());
    }

    /** Require HTTP Basic with these credentials on EWS requests. */
    public ExchangeSimulatorOptions ewsCredentials(String username, String password) {
        property("ews.username", username);
        return property("ews.password", password);
    }

    /** Refuse access to other mailboxes without ExchangeImpersonation. */
    public ExchangeSimulatorOptions requireImpersonation(boolean required) {
        return property("ews.require-impersonation", Boolean.toString(required));
    }

    /** The client-credentials app Graph's token endpoint accepts. */
    public ExchangeSimulatorOptions graphClient(String tenantId, String clientId, String clientSecret) {
        property("graph.tenant-id", tenantId);
        property("graph.client-id", clientId);
        return property("graph.client-secret", clientSecret);
    }

    /** Make every change as quiet as possible (no second attendant update, no free/busy noise). */
    /** Registers the app's certificate (PEM file): client assertions signed with its key get tokens. */
    public ExchangeSimulatorOptions graphCertificate(java.nio.file.Path pem) {
        return property("graph.client-certificate", pem.toString());
    }

    /** Serves one Microsoft cloud: only {@code graphRoot + "/.default"} is a valid token scope. */
    public ExchangeSimulatorOptions graphCloud(String graphRoot) {
        return property("graph.scope-root", graphRoot);
    }

    public ExchangeSimulatorOptions quietChanges() {
        property("changes.attendant-update-rate", "0");
        return property("changes.free-busy-rate", "0");
    }

    /** Generated workload: changes per simulated second, started at once when {@code autoStart}. */
    public ExchangeSimulatorOptions workload(double changesPerSecond, boolean autoStart) {
        property("workload.rate", Double.toString(changesPerSecond));
        return property("workload.auto-start", Boolean.toString(autoStart));
    }

    /** Any simulator property, relative to {@code rxpush.exchange-simulator.} (e.g. "push.first-retry"). */
    public ExchangeSimulatorOptions property(String key, String value) {
        return set(key.startsWith(PREFIX) ? key : PREFIX + key, value);
    }

    /** Any Spring property, e.g. "server.address". */
    public ExchangeSimulatorOptions set(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /** Command-line style arguments (they win over system properties of the host JVM). */
    String[] toArgs() {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }
}
