package rxpush.standalone.run;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import rxpush.standalone.broker.EmbeddedKafka;
import java.util.Set;
import rxpush.common.admin.AdminAccess;
import rxpush.common.admin.AdminToken;
import rxpush.standalone.gateway.AdminGateway;

/**
 * Runs rx-push in one JVM: the embedded broker (unless an external cluster is configured), then
 * subscription, forwarder and ingress as sibling Spring contexts, then the admin gateway. Each service
 * reads its own properties file and the operator's application.yml and command line, exactly as it
 * would alone; only its ports are assigned here: ingress gets the public {@code server.port}, every
 * service's actuator gets a free local port behind the one admin port.
 */
public final class Launcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Launcher.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final List<RunningService> services = new ArrayList<>();
    private ResolvedLaunch launch;
    private AdminGateway gateway;
    private String bootstrapServers;

    /**
     * Starts everything; on failure stops what was started and rethrows.
     *
     * @param operatorArgs   the {@code --name=value} settings given to {@code rxpush run}
     * @param extraSettings  settings that win over the operator's, may be empty
     */
    public Launcher start(List<String> operatorArgs, Map<String, String> extraSettings, PrintStream out) {
        return start(operatorArgs, port -> extraSettings, out);
    }

    /**
     * As {@link #start(List, Map, PrintStream)}, with settings that depend on the public notification
     * port (the demo points the simulators' pushes at it). A port of 0 is replaced by a free one first.
     */
    public Launcher start(List<String> operatorArgs, java.util.function.IntFunction<Map<String, String>> extraSettings,
            PrintStream out) {
        try {
            launch = LaunchSettingsResolver.resolve(operatorArgs.toArray(String[]::new));
            int notificationPort = launch.serverPort() == 0 ? FreePorts.any() : launch.serverPort();
            ServiceArgs base = new ServiceArgs(operatorArgs).setAll(extraSettings.apply(notificationPort))
                    .set(LaunchSettingsResolver.QUIET_FAILURE_REPORT, "OFF")
                    // The embedded broker logs through the same JVM: its INFO lines would drown the services'.
                    .setIfAbsent("logging.level.kafka", "WARN")
                    .setIfAbsent("logging.level.state.change.logger", "WARN")
                    .setIfAbsent("logging.level.org.apache.kafka", "WARN");
            bootstrapServers = launch.bootstrapServers();
            if (launch.embeddedKafka()) {
                EmbeddedKafka kafka = new EmbeddedKafka(launch.settings().kafkaPort(), launch.settings().kafkaControllerPort(),
                        launch.settings().dataDir()).start();
                started.push(kafka);
                bootstrapServers = kafka.bootstrapServers();
                base.set("spring.kafka.bootstrap-servers", bootstrapServers);
                out.println("Kafka: embedded broker at " + bootstrapServers + ", data in " + launch.settings().dataDir().toAbsolutePath());
            } else {
                out.println("Kafka: external cluster at " + bootstrapServers);
            }
            // One admin token for the gateway and the subscription service behind it: configured, or
            // generated once into the data directory (0600), where the CLI finds it.
            String adminToken = AdminToken.resolve(base.get("rxpush.admin.token"),
                    launch.settings().dataDir().resolve("admin-token"));
            base.set("rxpush.admin.token", adminToken);
            String hosts = base.get("rxpush.admin.allowed-hosts");
            AdminAccess adminAccess = new AdminAccess(adminToken, hosts == null || hosts.isBlank() ? Set.of()
                    : Set.of(hosts.split("\\s*,\\s*")));
            Map<String, Integer> managementPorts = new LinkedHashMap<>();
            for (ServiceKind kind : ServiceKind.values()) {
                ServiceArgs args = base.copy()
                        .set("server.port", kind == ServiceKind.INGRESS ? Integer.toString(notificationPort) : "0")
                        .set("management.server.port", "0")
                        .set("management.server.address", "127.0.0.1");
                if (kind.ordinal() > 0) {
                    // One banner for the one process: the first service prints it, the others stay quiet.
                    args.setIfAbsent("spring.main.banner-mode", "off");
                }
                ConfigurableApplicationContext context = kind.builder().run(args.toArray());
                started.push(context::close);
                RunningService service = new RunningService(kind, context);
                services.add(service);
                managementPorts.put(kind.id(), service.managementPort());
                log.info("{} started (management port {})", kind.id(), service.managementPort());
            }
            gateway = new AdminGateway(launch.managementPort(), managementPorts, ServiceKind.SUBSCRIPTION.id(), adminAccess);
            started.push(gateway);
            out.println("rx-push is running: notifications on port " + ingress().serverPort()
                    + ", admin API and health on http://127.0.0.1:" + gateway.port() + " (Ctrl-C stops)");
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** How often a live summary should be printed ({@code rxpush.standalone.summary-interval}). */
    public java.time.Duration summaryInterval() {
        return launch.settings().summaryInterval();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public int notificationPort() {
        return ingress().serverPort();
    }

    public int adminPort() {
        return gateway.port();
    }

    /** The running service contexts, for the live summary and tests. */
    public Map<String, ConfigurableApplicationContext> contexts() {
        Map<String, ConfigurableApplicationContext> contexts = new LinkedHashMap<>();
        services.forEach(s -> contexts.put(s.kind().id(), s.context()));
        return contexts;
    }

    private RunningService ingress() {
        return services.stream().filter(s -> s.kind() == ServiceKind.INGRESS).findFirst()
                .orElseThrow(() -> new IllegalStateException("ingress is not running"));
    }

    /** Stops in reverse start order: gateway, subscription, forwarder, ingress, then Kafka. */
    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                log.warn("stopping a component failed: {}", e.toString());
            }
        }
        services.clear();
    }
}
