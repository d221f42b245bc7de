package rxpush.systemtests.rig;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What a local stack consists of: how many of each process, where its ports start, where it keeps
 * its files and which class path its JVMs run. {@link Topology} turns a spec into concrete
 * instances; the spec is saved in the run directory so that later commands (the script's
 * {@code status}, {@code kill}, {@code start}) act on the same stack.
 *
 * @param brokers            Kafka brokers (combined broker+controller KRaft nodes), 1-9
 * @param ingress            ingress-service instances behind the rig's TCP balancer, 0-9
 * @param subscription       subscription-service instances, 0-9
 * @param forwarder          forwarder-service instances, 0-9
 * @param simulators         whether the exchange and resourcexpress simulators run
 * @param graphRooms         how many of the 6 simulated rooms are Office 365 (Graph) mailboxes; the
 *                           others are on-premises (EWS)
 * @param portBase           first port of the stack's port block (see {@link Topology} for the layout)
 * @param runDir             where configs, data, logs and pid files go; wiped by {@code up}
 * @param classpath          the class path every JVM of the stack runs with
 * @param java               the java executable
 * @param serviceProperties  extra Spring properties given to every rx-push service instance
 */
public record StackSpec(int brokers, int ingress, int subscription, int forwarder, boolean simulators, int graphRooms,
        int portBase, Path runDir, String classpath, String java, Map<String, String> serviceProperties) {

    static final String FILE = "stack.properties";
    private static final String PROPERTY_PREFIX = "service.";

    public StackSpec {
        requireRange("brokers", brokers, 1);
        requireRange("ingress", ingress, 0);
        requireRange("subscription", subscription, 0);
        requireRange("forwarder", forwarder, 0);
        if (graphRooms < 0 || graphRooms > ServiceWiring.MAILBOXES) {
            throw new IllegalArgumentException("graph rooms must be within 0-" + ServiceWiring.MAILBOXES + ", was " + graphRooms);
        }
        if (portBase < 1024 || portBase > 65_000) {
            throw new IllegalArgumentException("port base must be within 1024-65000, was " + portBase);
        }
        runDir = runDir.toAbsolutePath().normalize();
        serviceProperties = Map.copyOf(serviceProperties);
    }

    /** The topology: 3 brokers, 2 ingress, 2 subscription, 3 forwarder, both simulators. */
    public static StackSpec defaults(Path runDir, String classpath) {
        return new StackSpec(3, 2, 2, 3, true, 3, 19_000, runDir, classpath, currentJava(), Map.of());
    }

    public StackSpec withCounts(int brokers, int ingress, int subscription, int forwarder) {
        return new StackSpec(brokers, ingress, subscription, forwarder, simulators, graphRooms, portBase, runDir, classpath,
                java, serviceProperties);
    }

    public StackSpec withSimulators(boolean on) {
        return new StackSpec(brokers, ingress, subscription, forwarder, on, graphRooms, portBase, runDir, classpath, java,
                serviceProperties);
    }

    public StackSpec withGraphRooms(int rooms) {
        return new StackSpec(brokers, ingress, subscription, forwarder, simulators, rooms, portBase, runDir, classpath,
                java, serviceProperties);
    }

    public StackSpec withPortBase(int base) {
        return new StackSpec(brokers, ingress, subscription, forwarder, simulators, graphRooms, base, runDir, classpath, java,
                serviceProperties);
    }

    /** Adds (or replaces) one Spring property of every rx-push service instance. */
    public StackSpec withServiceProperty(String key, String value) {
        Map<String, String> all = new TreeMap<>(serviceProperties);
        all.put(key, value);
        return new StackSpec(brokers, ingress, subscription, forwarder, simulators, graphRooms, portBase, runDir, classpath, java,
                all);
    }

    /**
     * This spec with a port base whose whole block is free on 127.0.0.1 right now, chosen at
     * random from the blocks outside the ephemeral port range ({@link PortBlocks}), so a test stack
     * collides neither with a developer's stack on 19000 nor with outgoing connections.
     */
    public StackSpec withFreePortBase() {
        int[] ephemeral = PortBlocks.ephemeralRange();
        List<Integer> bases = new ArrayList<>(PortBlocks.basesOutside(ephemeral[0], ephemeral[1]));
        Collections.shuffle(bases);
        for (int base : bases) {
            StackSpec candidate = withPortBase(base);
            if (new Topology(candidate).instances().stream()
                    .allMatch(i -> free(i.port()) && (i.adminPort() < 0 || free(i.adminPort())))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free port block outside the ephemeral range " + ephemeral[0] + "-"
                + ephemeral[1] + " (tried " + bases + ")");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The java executable of this JVM, so the stack runs on the JDK that started it. */
    static String currentJava() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    void save() throws IOException {
        Properties props = new Properties();
        props.setProperty("brokers", Integer.toString(brokers));
        props.setProperty("ingress", Integer.toString(ingress));
        props.setProperty("subscription", Integer.toString(subscription));
        props.setProperty("forwarder", Integer.toString(forwarder));
        props.setProperty("simulators", Boolean.toString(simulators));
        props.setProperty("graph-rooms", Integer.toString(graphRooms));
        props.setProperty("port-base", Integer.toString(portBase));
        props.setProperty("classpath", classpath);
        props.setProperty("java", java);
        serviceProperties.forEach((key, value) -> props.setProperty(PROPERTY_PREFIX + key, value));
        Files.createDirectories(runDir);
        try (Writer out = Files.newBufferedWriter(runDir.resolve(FILE))) {
            props.store(out, "rx-push local stack (written by 'up'; read by every other command)");
        }
    }

    /** The spec saved by the {@code up} that created the stack in {@code runDir}. */
    static StackSpec load(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE);
        if (!Files.exists(file)) {
            throw new IllegalStateException("no stack in " + runDir + " (run 'up' first)");
        }
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            props.load(in);
        }
        Map<String, String> service = new TreeMap<>();
        props.stringPropertyNames().stream().filter(name -> name.startsWith(PROPERTY_PREFIX))
                .forEach(name -> service.put(name.substring(PROPERTY_PREFIX.length()), props.getProperty(name)));
        return new StackSpec(intOf(props, "brokers"), intOf(props, "ingress"), intOf(props, "subscription"),
                intOf(props, "forwarder"), Boolean.parseBoolean(props.getProperty("simulators")), intOf(props, "graph-rooms"),
                intOf(props, "port-base"), runDir, props.getProperty("classpath"), props.getProperty("java"), service);
    }

    private static int intOf(Properties props, String key) {
        return Integer.parseInt(props.getProperty(key));
    }

    private static void requireRange(String what, int count, int min) {
        if (count < min || count > 9) {
            throw new IllegalArgumentException(what + " must be within " + min + "-9, was " + count);
        }
    }
}
