package rxpush.systemtests.rig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Spring command-line properties that wire each service and simulator instance into the stack:
 * its ports, the cluster, replicated topics, and its neighbours' URLs, as the standalone demo wires
 * them. Only documented properties (docs/configuration.md and the simulators' guides) are used.
 *
 * <p>The exchange simulator holds {@link #MAILBOXES} rooms (the last {@code graphRooms} of them Graph,
 * the others EWS) on a
 * real-time clock, its workload stopped until a test starts it ({@code POST /sim/workload/start}).
 */
final class ServiceWiring {

    /** The resourcexpress simulator's ApiKey in the rig; a test value, not a secret. */
    static final String RX_API_KEY = "rig-api-key";
    static final int MAILBOXES = 6;
    static final String EWS_USER = "svc-rxpush";
    static final String EWS_PASSWORD = "rig-password";
    private static final String SIM = "--rxpush.exchange-simulator.";

    private final Topology topology;
    private final RunDirectory dir;

    ServiceWiring(Topology topology, RunDirectory dir) {
        this.topology = topology;
        this.dir = dir;
    }

    /** room-1@rig.contoso.com ... */
    static List<String> mailboxes() {
        List<String> rooms = new ArrayList<>();
        for (int i = 1; i <= MAILBOXES; i++) {
            rooms.add("room-" + i + "@rig.contoso.com");
        }
        return rooms;
    }

    List<String> arguments(Instance instance) {
        List<String> args = new ArrayList<>();
        args.add("--server.port=" + instance.port());
        args.add("--server.address=127.0.0.1");
        switch (instance.role()) {
            case RX_SIMULATOR -> {
                args.add("--rxpush.rx-simulator.api-key=" + RX_API_KEY);
                args.add("--rxpush.rx-simulator.data-file=" + dir.data(instance.name()).resolve("journal"));
                args.add("--rxpush.rx-simulator.truth-url=" + exchange() + "/sim/truth");
            }
            case EXCHANGE_SIMULATOR -> {
                args.add(SIM + "clock.mode=REAL_TIME");
                args.add(SIM + "workload.auto-start=false");
                args.add(SIM + "ews.username=" + EWS_USER);
                args.add(SIM + "ews.password=" + EWS_PASSWORD);
                // Exchange retries a failed push after 30 s and Graph after a minute; the rig measures
                // recovery in seconds, so both retry sooner (still with their doubling back-off).
                args.add(SIM + "push.first-retry=2s");
                args.add(SIM + "graph.first-retry=2s");
                List<String> rooms = mailboxes();
                for (int i = 0; i < rooms.size(); i++) {
                    args.add(SIM + "mailboxes.addresses[" + i + "]=" + rooms.get(i));
                }
            }
            default -> serviceProperties(instance).forEach((key, value) -> args.add("--" + key + "=" + value));
        }
        return args;
    }

    /** What every rx-push service instance gets; each binds the part its own tree declares. */
    private Map<String, String> serviceProperties(Instance instance) {
        Map<String, String> props = new LinkedHashMap<>();
        if (instance.adminPort() > 0) {
            props.put("management.server.port", Integer.toString(instance.adminPort()));
        }
        props.put("spring.kafka.bootstrap-servers", topology.bootstrapServers());
        props.put("rxpush.admin.token", Instance.ADMIN_TOKEN);
        props.put("rxpush.topics.replication-factor", Integer.toString(topology.replicationFactor()));
        props.put("rxpush.topics.min-insync-replicas", Integer.toString(topology.minInsyncReplicas()));
        if (topology.spec().simulators()) {
            String exchange = exchange();
            props.put("rxpush.tenant-url", topology.instance(Role.RX_SIMULATOR.prefix()).url().toString());
            props.put("rxpush.api-key", RX_API_KEY);
            props.put("rxpush.ews.url", exchange + "/EWS/Exchange.asmx");
            props.put("rxpush.ews.username", EWS_USER);
            props.put("rxpush.ews.password", EWS_PASSWORD);
            props.put("rxpush.ews.use-impersonation", "true");
            props.put("rxpush.ews.status-frequency", "1");
            // A silently dead EWS subscription is noticed after status-frequency + status-grace: 2 minutes
            // here instead of the default 6, so scenario 5 measures the recovery in one run.
            props.put("rxpush.ews.status-grace", "1");
            props.put("rxpush.graph.base-url", exchange + "/v1.0");
            props.put("rxpush.graph.token-url", exchange + "/" + GRAPH_TENANT + "/oauth2/v2.0/token");
            props.put("rxpush.graph.tenant-id", GRAPH_TENANT);
            props.put("rxpush.graph.client-id", "rxpush-sim-client");
            props.put("rxpush.graph.client-secret", "rxpush-sim-secret");
            List<String> rooms = mailboxes();
            for (int i = 0; i < rooms.size(); i++) {
                props.put("rxpush.mailboxes[" + i + "].address", rooms.get(i));
                props.put("rxpush.mailboxes[" + i + "].protocol",
                        i < rooms.size() - topology.spec().graphRooms() ? "EWS" : "GRAPH");
            }
        }
        if (topology.spec().ingress() > 0) {
            props.put("rxpush.notification-url", topology.instance(Role.INGRESS_LB.prefix()).url().toString());
        }
        props.putAll(topology.spec().serviceProperties());
        return props;
    }

    /** The exchange simulator's default Graph tenant (its client id and secret are its defaults too). */
    static final String GRAPH_TENANT = "8a4f1c2e-5b7d-4e3a-9c1f-2d6e8b0a7f35";

    private String exchange() {
        return topology.instance(Role.EXCHANGE_SIMULATOR.prefix()).url().toString();
    }
}
