package rxpush.systemtests.rig;

import java.util.ArrayList;
import java.util.List;

/**
 * The Spring command-line properties that wire each service and simulator instance into the stack:
 * its ports, the cluster, replicated topics, and the URLs of its neighbours. Only documented
 * properties (docs/configuration.md and the simulators' docs) are used.
 */
final class ServiceWiring {

    /** The resourcexpress simulator's ApiKey in the rig; a test value, not a secret. */
    static final String RX_API_KEY = "rig-api-key";

    private final Topology topology;
    private final RunDirectory dir;

    ServiceWiring(Topology topology, RunDirectory dir) {
        this.topology = topology;
        this.dir = dir;
    }

    List<String> arguments(Instance instance) {
        List<String> args = new ArrayList<>();
        args.add("--server.port=" + instance.port());
        if (instance.role().isService()) {
            if (instance.adminPort() > 0) {
                args.add("--management.server.port=" + instance.adminPort());
            }
            args.add("--spring.kafka.bootstrap-servers=" + topology.bootstrapServers());
            args.add("--rxpush.topics.replication-factor=" + topology.replicationFactor());
            args.add("--rxpush.topics.min-insync-replicas=" + topology.minInsyncReplicas());
            topology.spec().serviceProperties().forEach((key, value) -> args.add("--" + key + "=" + value));
        }
        switch (instance.role()) {
            case RX_SIMULATOR -> {
                args.add("--rxpush.rx-simulator.api-key=" + RX_API_KEY);
                args.add("--rxpush.rx-simulator.data-file=" + dir.data(instance.name()).resolve("journal"));
            }
            default -> {
                // Wired by the common properties above.
            }
        }
        return args;
    }
}
