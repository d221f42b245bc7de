package rxpush.systemtests.rig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A running local stack: Kafka brokers, rx-push service instances and simulators as separate OS
 * processes on 127.0.0.1, described by a {@link StackSpec} and laid out by {@link Topology}.
 *
 * <p>{@link #start} creates a fresh stack; {@link #attach} acts on one an earlier command started
 * (the script's verbs each run in a new JVM). {@link #close} stops every process of the stack.
 */
public final class LocalStack implements AutoCloseable {

    static final Duration BROKERS_READY = Duration.ofSeconds(120);
    static final Duration INSTANCE_READY = Duration.ofSeconds(240);
    static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Topology topology;
    private final RunDirectory dir;
    private final Processes processes;

    private LocalStack(StackSpec spec) {
        this.topology = new Topology(spec);
        this.dir = new RunDirectory(spec.runDir());
        this.processes = new Processes(dir);
    }

    /** Wipes the spec's run directory, starts every instance and returns once all are ready. */
    public static LocalStack start(StackSpec spec) {
        LocalStack stack = new LocalStack(spec);
        try {
            stack.down();
            stack.dir.recreate();
            spec.save();
            BrokerConfig.write(stack.topology, stack.dir);
            StorageFormat.formatAll(stack.topology, stack.dir);
            stack.startAll(Role.BROKER);
            stack.awaitBrokers(spec.brokers());
            stack.startAll(Role.RX_SIMULATOR, Role.EXCHANGE_SIMULATOR, Role.INGRESS_LB);
            stack.startAll(Role.SUBSCRIPTION, Role.INGRESS, Role.FORWARDER);
            return stack;
        } catch (IOException | RuntimeException e) {
            stack.down();
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
    }

    /** The stack an earlier {@link #start} left running in {@code runDir}. */
    public static LocalStack attach(Path runDir) {
        try {
            return new LocalStack(StackSpec.load(runDir.toAbsolutePath().normalize()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Topology topology() {
        return topology;
    }

    public RunDirectory runDirectory() {
        return dir;
    }

    public String bootstrapServers() {
        return topology.bootstrapServers();
    }

    /** The public notification URL: the balancer in front of every ingress instance. */
    public URI ingressUrl() {
        return topology.instance(Role.INGRESS_LB.prefix()).url();
    }

    public URI rxSimulatorUrl() {
        return topology.instance(Role.RX_SIMULATOR.prefix()).url();
    }

    public URI exchangeSimulatorUrl() {
        return topology.instance(Role.EXCHANGE_SIMULATOR.prefix()).url();
    }

    public KafkaProbe probe() {
        return new KafkaProbe(bootstrapServers());
    }

    /** SIGKILL of one instance. */
    public void kill9(String name) {
        if (!processes.kill9(topology.instance(name).name())) {
            throw new IllegalStateException(name + " is not running");
        }
    }

    /** Graceful stop (SIGTERM, SIGKILL after 30 s). */
    public void stop(String name) {
        processes.terminate(topology.instance(name).name(), STOP_GRACE).join();
    }

    /**
     * Starts stopped or killed instances again (same ports, same data), all at once, and waits until
     * they are ready: brokers of a quorum must start together to elect a controller.
     */
    public void start(String... names) {
        List<Instance> group = Arrays.stream(names).map(topology::instance).toList();
        group.forEach(this::launch);
        group.forEach(instance -> Readiness.await(instance, processes, dir, INSTANCE_READY));
        if (group.stream().anyMatch(instance -> instance.role() == Role.BROKER)) {
            awaitBrokers(runningCount(Role.BROKER));
        }
    }

    /**
     * SIGKILL of the broker that leads {@code topic}'s {@code partition}.
     *
     * @return the killed broker's instance name
     */
    public String killLeader(String topic, int partition) {
        int leader;
        try (KafkaProbe probe = probe()) {
            leader = probe.leader(topic, partition);
        }
        if (leader < 0) {
            throw new IllegalStateException(topic + "-" + partition + " has no leader right now");
        }
        String name = Role.BROKER.prefix() + "-" + leader;
        kill9(name);
        return name;
    }

    /** One line per instance: running or not, readiness, ports and memory. */
    public List<InstanceStatus> status() {
        List<InstanceStatus> all = new ArrayList<>();
        for (Instance instance : topology.instances()) {
            all.add(processes.handle(instance.name())
                    .map(handle -> new InstanceStatus(instance, handle.pid(), Readiness.isReady(instance),
                            Processes.rss(handle)))
                    .orElse(new InstanceStatus(instance, -1, false, -1)));
        }
        return all;
    }

    /** Whether {@code name}'s process is running. */
    public boolean isRunning(String name) {
        return processes.handle(topology.instance(name).name()).isPresent();
    }

    /** Stops every instance: services first, brokers last, in parallel within each group. */
    public void down() {
        stopAll(Role.FORWARDER, Role.INGRESS, Role.SUBSCRIPTION, Role.INGRESS_LB, Role.EXCHANGE_SIMULATOR,
                Role.RX_SIMULATOR);
        stopAll(Role.BROKER);
    }

    @Override
    public void close() {
        down();
    }

    private void startAll(Role... roles) {
        List<Instance> group = new ArrayList<>();
        for (Role role : roles) {
            group.addAll(topology.instances(role));
        }
        group.forEach(this::launch);
        if (group.stream().anyMatch(instance -> instance.role() != Role.BROKER)) {
            group.forEach(instance -> Readiness.await(instance, processes, dir, INSTANCE_READY));
        }
    }

    private void launch(Instance instance) {
        try {
            processes.start(instance.name(), topology.command(instance, dir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + instance.name(), e);
        }
    }

    private void awaitBrokers(int count) {
        try (KafkaProbe probe = probe()) {
            Readiness.awaitCondition(count + " live brokers", () -> {
                for (Instance broker : topology.instances(Role.BROKER)) {
                    if (processes.handle(broker.name()).isEmpty() && count == topology.spec().brokers()) {
                        throw new IllegalStateException(broker.name() + " exited; last lines of its log:\n"
                                + Readiness.tail(dir.log(broker.name()), 30));
                    }
                }
                try {
                    return probe.liveBrokers().size() >= count;
                } catch (IllegalStateException notYet) {
                    return false;
                }
            }, BROKERS_READY);
        }
    }

    private int runningCount(Role role) {
        return (int) topology.instances(role).stream().filter(i -> processes.handle(i.name()).isPresent()).count();
    }

    private void stopAll(Role... roles) {
        List<CompletableFuture<Void>> stopping = new ArrayList<>();
        for (Role role : roles) {
            topology.instances(role).forEach(instance -> stopping.add(processes.terminate(instance.name(), STOP_GRACE)));
        }
        stopping.forEach(CompletableFuture::join);
    }

    /**
     * One instance's state.
     *
     * @param pid   its process id, -1 when not running
     * @param ready whether it answers its readiness check
     * @param rss   resident memory in bytes, -1 when unknown
     */
    public record InstanceStatus(Instance instance, long pid, boolean ready, long rss) {

        public boolean running() {
            return pid > 0;
        }
    }
}
