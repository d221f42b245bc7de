package rxpush.systemtests.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * docker-compose.yml and deploy/kafka-cluster.yml read against the project (see {@link ComposeCheck}
 * and {@link ComposeLayoutCheck}), in every build, engine or not; each check is also shown to fail
 * on a broken copy of the file. That the stack runs is proven by deploy/compose-e2e.sh (.ci/run).
 */
class ComposeFileTest {

    private static ProjectFacts facts;
    private static String compose;
    private static String prometheus;
    private static String cluster;
    private static String deploymentDoc;

    @BeforeAll
    static void read() throws Exception {
        facts = new ProjectFacts(ProjectFacts.projectRoot());
        compose = Files.readString(facts.root().resolve("docker-compose.yml"));
        prometheus = Files.readString(facts.root().resolve("deploy/prometheus/prometheus.yml"));
        cluster = Files.readString(facts.root().resolve("deploy/kafka-cluster.yml"));
        deploymentDoc = Files.readString(facts.root().resolve("docs/deployment.md"));
    }

    static List<String> problems(String composeText, String prometheusText, String clusterText, String doc)
            throws Exception {
        ComposeFile file = ComposeFile.parse(composeText);
        List<String> all = new ArrayList<>(new ComposeCheck(facts).check(file, prometheusText));
        all.addAll(new ComposeLayoutCheck(facts).check(file, ComposeFile.parse(clusterText), doc));
        return all;
    }

    private static String replaced(String text, String from, String to) {
        assertThat(text).as("the mutation's target text").contains(from);
        return text.replace(from, to);
    }

    @Test
    void theComposeFileMatchesTheProject() throws Exception {
        assertThat(problems(compose, prometheus, cluster, deploymentDoc)).isEmpty();
    }

    @Test
    void theCheckSeesEveryServiceAndDocumentedProperty() throws Exception {
        assertThat(ComposeFile.parse(compose).services()).containsKeys(ComposeLayoutCheck.PLACEMENT.keySet()
                .toArray(String[]::new));
        assertThat(ComposeFile.parse(compose).services().get("forwarder").environment())
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                .containsEntry("RXPUSH_TOPICS_REPLICATION_FACTOR", "1");
        assertThat(DocumentedProperties.read(facts.root().resolve("docs/configuration.md")).size()).isGreaterThan(10);
    }

    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', textBlock = """
            rxpush/ingress-service:                    | rxpush/ingres-service:             | ingress: image rxpush/ingres-service | image names no module
            rxpush/forwarder-service:${RXPUSH_TAG:-0.1.0-SNAPSHOT} | rxpush/forwarder-service:9.9 | image tag 9.9 is not the project version | wrong tag
            RXPUSH_TENANT_URL:                         | RXPUSH_TENANT_LINK:                | forwarder: RXPUSH_TENANT_LINK is not a documented property | undocumented variable
            "127.0.0.1:9090:9090"                      | "127.0.0.1:9090:9191"              | rx-simulator: publishes container port 9191 but serves HTTP on 9090 | wrong published port
            http://exchange-simulator:9080/sim/truth   | http://exchange-simulator:9081/sim/truth | rx-simulator: RXPUSH_RX_SIMULATOR_TRUTH_URL calls exchange-simulator on port 9081 | wrong port in a URL
            profiles: [demo]\\n    restart: unless-stopped\\n    networks: [default]\\n    ports:\\n      - "127.0.0.1:9080 | restart: unless-stopped\\n    networks: [default]\\n    ports:\\n      - "127.0.0.1:9080 | exchange-simulator: profiles [], expected [demo] | simulator outside the demo profile
            scale: 2                                   | scale: 1                           | subscription: replicas is 1 | one subscription replica
            ./deploy/prometheus/prometheus.yml         | ./deploy/prometheus/missing.yml    | prometheus: mounts ./deploy/prometheus/missing.yml, which does not exist | missing mounted file
            image: apache/kafka:4.2.1                  | image: apache/kafka:3.7.0          | kafka: image apache/kafka:3.7.0, but the build uses Kafka 4.2.1 | Kafka image version
            "127.0.0.1:29092:29092"                    | "29092:29092"                      | kafka: publishes 29092:29092 beyond loopback | Kafka beyond loopback
            profiles: [cli]                            | profiles: [tools]                  | cli: unknown profile tools | unknown profile
            """)
    void aBrokenComposeFileIsReported(String from, String to, String expected, String what) throws Exception {
        String broken = replaced(compose, from.replace("\\n", "\n"), to.replace("\\n", "\n"));
        assertThat(problems(broken, prometheus, cluster, deploymentDoc)).anySatisfy(problem ->
                assertThat(problem).contains(expected));
    }

    @Test
    void aForwarderWithAHostPortCannotScale() throws Exception {
        String broken = replaced(compose, "\n  # The operator CLI", "    ports:\n      - \"8081:8081\"\n"
                + "  # The operator CLI");
        assertThat(problems(broken, prometheus, cluster, deploymentDoc))
                .anySatisfy(problem -> assertThat(problem).startsWith("forwarder: a container_name or host port"));
    }

    @Test
    void aScrapeTargetOnTheWrongPortIsReported() throws Exception {
        String broken = replaced(prometheus, "names: [forwarder]\n        type: A\n        port: 8081",
                "names: [forwarder]\n        type: A\n        port: 9000");
        assertThat(problems(compose, broken, cluster, deploymentDoc))
                .anySatisfy(problem -> assertThat(problem).contains("prometheus: scrapes forwarder on port 9000"));
    }

    @Test
    void theClusterOverlayMustNameEveryVoter() throws Exception {
        String broken = replaced(cluster, ",3@kafka-3:9093", "");
        assertThat(problems(compose, prometheus, broken, deploymentDoc))
                .anySatisfy(problem -> assertThat(problem).contains("kafka-2's voters lack 3@kafka-3:9093"));
    }

    @Test
    void theClusterOverlayMustPointEveryClientAtThreeReplicas() throws Exception {
        String broken = replaced(cluster, "RXPUSH_TOPICS_MIN_INSYNC_REPLICAS: 2", "RXPUSH_TOPICS_MIN_INSYNC_REPLICAS: 1");
        assertThat(problems(compose, prometheus, broken, deploymentDoc))
                .anySatisfy(problem -> assertThat(problem).contains("forwarder needs the three nodes, replication 3 and min ISR 2"));
    }

    @Test
    void anUndocumentedProfileIsReported() throws Exception {
        String doc = replaced(deploymentDoc, "--profile observability", "--profile watching");
        assertThat(problems(compose, prometheus, cluster, doc.replace("--profile observability", "")))
                .contains("profile observability is not documented in docs/deployment.md");
    }

    @Test
    void springKeysFromTheDeploymentGuideNeverDocumentRxpushKeys() throws Exception {
        Path docs = facts.root().resolve("docs");
        DocumentedProperties spring = DocumentedProperties.read(docs.resolve("deployment.md"));
        assertThat(spring.documents("SERVER_ADDRESS")).isTrue();
        String broken = replaced(compose, "RXPUSH_TENANT_URL:", "RXPUSH_SERVER_ADDRESS:");
        assertThat(problems(broken, prometheus, cluster, deploymentDoc))
                .anySatisfy(problem -> assertThat(problem).contains("RXPUSH_SERVER_ADDRESS is not a documented"));
    }
}
