package rxpush.systemtests.rig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopologyTest {

    private final RunDirectory dir = new RunDirectory(Path.of("/tmp/rig-test"));
    private final Topology defaults = new Topology(StackSpec.defaults(dir.root(), "cp.jar"));

    @Test
    void theDefaultStackIsTheIssuesTopology() {
        assertThat(defaults.instances()).extracting(Instance::name).containsExactly(
                "broker-1", "broker-2", "broker-3", "rx-simulator", "exchange-simulator", "ingress-lb",
                "subscription-1", "subscription-2", "ingress-1", "ingress-2",
                "forwarder-1", "forwarder-2", "forwarder-3");
        assertThat(defaults.bootstrapServers()).isEqualTo("127.0.0.1:19001,127.0.0.1:19002,127.0.0.1:19003");
        assertThat(defaults.replicationFactor()).isEqualTo(3);
        assertThat(defaults.minInsyncReplicas()).isEqualTo(2);
    }

    @Test
    void everyPortOfTheStackIsDistinct() {
        Topology biggest = new Topology(StackSpec.defaults(dir.root(), "cp").withCounts(9, 9, 9, 9));
        Set<Integer> ports = new HashSet<>();
        for (Instance instance : biggest.instances()) {
            assertThat(ports.add(instance.port())).as("port of %s", instance.name()).isTrue();
            if (instance.adminPort() > 0) {
                assertThat(ports.add(instance.adminPort())).as("admin port of %s", instance.name()).isTrue();
            }
        }
    }

    @Test
    void aSingleBrokerStackReplicatesOnce() {
        Topology single = new Topology(StackSpec.defaults(dir.root(), "cp").withCounts(1, 0, 0, 0));
        assertThat(single.replicationFactor()).isEqualTo(1);
        assertThat(single.minInsyncReplicas()).isEqualTo(1);
        assertThat(single.instances()).extracting(Instance::name)
                .containsExactly("broker-1", "rx-simulator", "exchange-simulator");
    }

    @Test
    void servicesGetTheirPortsTheClusterAndReplicatedTopics() {
        List<String> command = defaults.command(defaults.instance("ingress-2"), dir);
        assertThat(command).contains("rxpush.ingress.IngressApplication", "--server.port=19102",
                "--management.server.port=19112",
                "--spring.kafka.bootstrap-servers=127.0.0.1:19001,127.0.0.1:19002,127.0.0.1:19003",
                "--rxpush.topics.replication-factor=3", "--rxpush.topics.min-insync-replicas=2");
        assertThat(command.get(command.indexOf("-cp") + 1)).isEqualTo("cp.jar");
    }

    @Test
    void extraServicePropertiesReachEveryServiceButNoSimulator() {
        Topology topology = new Topology(StackSpec.defaults(dir.root(), "cp")
                .withServiceProperty("rxpush.forwarder.concurrency", "2"));
        assertThat(topology.command(topology.instance("forwarder-1"), dir))
                .contains("--rxpush.forwarder.concurrency=2");
        assertThat(topology.command(topology.instance("rx-simulator"), dir))
                .doesNotContain("--rxpush.forwarder.concurrency=2");
    }

    @Test
    void servicesAreWiredToTheSimulatorsAndTheBalancer() {
        List<String> command = defaults.command(defaults.instance("subscription-1"), dir);
        assertThat(command).contains("--rxpush.notification-url=http://127.0.0.1:19100",
                "--rxpush.tenant-url=http://127.0.0.1:19500", "--rxpush.ews.url=http://127.0.0.1:19400/EWS/Exchange.asmx",
                "--rxpush.mailboxes[0].protocol=EWS", "--rxpush.mailboxes[2].protocol=EWS",
                "--rxpush.mailboxes[3].protocol=GRAPH", "--rxpush.mailboxes[5].address=room-6@rig.contoso.com");
        Topology ewsOnly = new Topology(StackSpec.defaults(dir.root(), "cp").withGraphRooms(0));
        assertThat(ewsOnly.command(ewsOnly.instance("forwarder-1"), dir))
                .contains("--rxpush.mailboxes[5].protocol=EWS").doesNotContain("--rxpush.mailboxes[5].protocol=GRAPH");
        assertThat(defaults.command(defaults.instance("exchange-simulator"), dir))
                .contains("--server.port=19400", "--rxpush.exchange-simulator.mailboxes.addresses[5]=room-6@rig.contoso.com");
    }

    @Test
    void theBalancerFrontsEveryIngressInstance() {
        List<String> command = defaults.command(defaults.instance("ingress-lb"), dir);
        assertThat(command.subList(command.size() - 3, command.size()))
                .containsExactly("19100", "127.0.0.1:19101", "127.0.0.1:19102");
    }

    @Test
    void brokersRunKafkaWithTheirOwnConfigFile() {
        List<String> command = defaults.command(defaults.instance("broker-2"), dir);
        assertThat(command).contains("kafka.Kafka", "/tmp/rig-test/conf/broker-2.properties");
    }

    @Test
    void anUnknownInstanceIsNamedWithTheExistingOnes() {
        assertThatThrownBy(() -> defaults.instance("forwarder-7"))
                .hasMessageContaining("no instance 'forwarder-7'").hasMessageContaining("forwarder-3");
    }
}
