package rxpush.systemtests.rig;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The server.properties of each KRaft node (combined broker and controller, static voters) and the
 * quiet log configuration the brokers share.
 */
final class BrokerConfig {

    private BrokerConfig() {
    }

    static void write(Topology topology, RunDirectory dir) throws IOException {
        List<Instance> brokers = topology.instances(Role.BROKER);
        String voters = brokers.stream().map(b -> b.index() + "@127.0.0.1:" + b.adminPort())
                .collect(Collectors.joining(","));
        for (Instance broker : brokers) {
            Properties props = properties(broker, voters, topology, dir);
            try (Writer out = Files.newBufferedWriter(dir.brokerConfig(broker))) {
                props.store(out, "KRaft node " + broker.name() + " of the rx-push local stack");
            }
        }
        Files.writeString(dir.brokerLogConfig(), LOGBACK);
    }

    private static Properties properties(Instance broker, String voters, Topology topology, RunDirectory dir) {
        String replicas = Integer.toString(topology.replicationFactor());
        String minIsr = Integer.toString(topology.minInsyncReplicas());
        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", Integer.toString(broker.index()));
        props.setProperty("controller.quorum.voters", voters);
        props.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + broker.port() + ",CONTROLLER://127.0.0.1:"
                + broker.adminPort());
        props.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + broker.port());
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.setProperty("log.dirs", dir.data(broker.name()).toString());
        // Production-like durability: everything internal is replicated like rx-push's own topics.
        props.setProperty("default.replication.factor", replicas);
        props.setProperty("min.insync.replicas", minIsr);
        props.setProperty("offsets.topic.replication.factor", replicas);
        props.setProperty("transaction.state.log.replication.factor", replicas);
        props.setProperty("transaction.state.log.min.isr", minIsr);
        props.setProperty("unclean.leader.election.enable", "false");
        // rx-push declares its topics itself; an undeclared topic is a bug the rig should surface.
        props.setProperty("auto.create.topics.enable", "false");
        // Fewer coordinator partitions than the default 50: first group joins take seconds, not tens.
        props.setProperty("offsets.topic.num.partitions", "6");
        props.setProperty("transaction.state.log.num.partitions", "6");
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        // Small heaps: the cleaner's default 128 MB dedupe buffer does not fit and the broker dies.
        props.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        props.setProperty("num.network.threads", "2");
        props.setProperty("num.io.threads", "4");
        props.setProperty("background.threads", "4");
        props.setProperty("num.recovery.threads.per.data.dir", "1");
        return props;
    }

    private static final String LOGBACK = """
            <configuration>
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
              </appender>
              <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
              <root level="WARN"><appender-ref ref="OUT"/></root>
            </configuration>
            """;
}
