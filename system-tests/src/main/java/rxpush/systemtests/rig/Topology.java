package rxpush.systemtests.rig;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

/**
 * The single definition of a local stack's processes: names, ports and command lines. The script
 * ({@code scripts/local-stack.sh}) and the Java API ({@link LocalStack}) both go through it.
 *
 * <p>Port layout from the spec's base B (default 19000): broker n listens on B+n (clients) and
 * B+10+n (controller); the ingress balancer on B+100 (the public notification URL), ingress n on
 * B+100+n with management port B+110+n; subscription n on B+200+n and forwarder n on B+300+n (their
 * only port, admin API and actuator included); the exchange simulator on B+400; the resourcexpress
 * simulator on B+500.
 */
public final class Topology {

    private final StackSpec spec;
    private final List<Instance> instances;

    public Topology(StackSpec spec) {
        this.spec = spec;
        List<Instance> all = new ArrayList<>();
        int base = spec.portBase();
        for (int n = 1; n <= spec.brokers(); n++) {
            all.add(new Instance(Role.BROKER.prefix() + "-" + n, Role.BROKER, n, base + n, base + 10 + n, null));
        }
        if (spec.simulators()) {
            all.add(single(Role.RX_SIMULATOR));
            all.add(single(Role.EXCHANGE_SIMULATOR));
        }
        if (spec.ingress() > 0) {
            all.add(single(Role.INGRESS_LB));
        }
        addServices(all, Role.SUBSCRIPTION, spec.subscription(), "/actuator/health");
        addServices(all, Role.INGRESS, spec.ingress(), "/actuator/health/readiness");
        addServices(all, Role.FORWARDER, spec.forwarder(), "/actuator/health");
        this.instances = List.copyOf(all);
    }

    private Instance single(Role role) {
        return new Instance(role.prefix(), role, 1, spec.portBase() + role.portBlock(), -1, null);
    }

    private void addServices(List<Instance> all, Role role, int count, String healthPath) {
        int block = spec.portBase() + role.portBlock();
        for (int n = 1; n <= count; n++) {
            // Only ingress splits its ports (public notifications, local management); subscription
            // and forwarder serve their admin API and actuator on their one port.
            int admin = role == Role.INGRESS ? block + 10 + n : -1;
            all.add(new Instance(role.prefix() + "-" + n, role, n, block + n, admin, healthPath));
        }
    }

    public StackSpec spec() {
        return spec;
    }

    /** Every instance, in start order. */
    public List<Instance> instances() {
        return instances;
    }

    public List<Instance> instances(Role role) {
        return instances.stream().filter(instance -> instance.role() == role).toList();
    }

    public Instance instance(String name) {
        return instances.stream().filter(instance -> instance.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no instance '" + name + "' in this stack; it has "
                        + instances.stream().map(Instance::name).collect(Collectors.joining(", "))));
    }

    /** {@code 127.0.0.1:B+1,127.0.0.1:B+2,...} */
    public String bootstrapServers() {
        return instances(Role.BROKER).stream().map(broker -> "127.0.0.1:" + broker.port())
                .collect(Collectors.joining(","));
    }

    /** Replicas per rx-push topic partition: 3, or fewer on a smaller cluster. */
    public int replicationFactor() {
        return Math.min(3, spec.brokers());
    }

    /** min.insync.replicas for rx-push topics: 2, or 1 on a single broker. */
    public int minInsyncReplicas() {
        return Math.min(2, spec.brokers());
    }

    /** The full command line that starts {@code instance}. */
    public List<String> command(Instance instance, RunDirectory dir) {
        List<String> command = new ArrayList<>(List.of(spec.java(),
                "-Xms32m", "-Xmx" + instance.role().heap(), "-Xss512k",
                // Two cores run a dozen JVMs: the serial collector and the C1 compiler keep CPU and
                // RSS low; the rig measures correctness and recovery, not peak throughput.
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=64m",
                "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true",
                "-Drxpush.rig.instance=" + instance.name()));
        if (instance.role() == Role.BROKER) {
            command.add("-Dlogback.configurationFile=" + dir.brokerLogConfig());
        }
        command.addAll(List.of("-cp", spec.classpath(), instance.role().mainClass()));
        command.addAll(arguments(instance, dir));
        return command;
    }

    private List<String> arguments(Instance instance, RunDirectory dir) {
        return switch (instance.role()) {
            case BROKER -> List.of(dir.brokerConfig(instance).toString());
            case INGRESS_LB -> balancerArguments(instance);
            default -> new ServiceWiring(this, dir).arguments(instance);
        };
    }

    private List<String> balancerArguments(Instance balancer) {
        List<String> args = new ArrayList<>(List.of(Integer.toString(balancer.port())));
        instances(Role.INGRESS).forEach(ingress -> args.add("127.0.0.1:" + ingress.port()));
        return args;
    }
}
