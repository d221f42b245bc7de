package rxpush.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Starts one real Kafka broker per test JVM and hands it to tests.
 *
 * <p>Which broker, first match wins:
 * <ol>
 *   <li>{@code KAFKA_BOOTSTRAP} (environment) or {@code rxpush.test.kafka.bootstrap} (system
 *       property): an existing cluster;</li>
 *   <li>a Docker engine is reachable: Testcontainers' {@code apache/kafka} (KRaft), image
 *       overridable with {@code rxpush.test.kafka.image};</li>
 *   <li>otherwise a KRaft broker in this JVM (spring-kafka-test).</li>
 * </ol>
 * {@code rxpush.test.kafka=embedded} forces the last. The same tests and assertions run on each.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, ParameterResolver {

    private static final Logger log = LoggerFactory.getLogger(KafkaBrokerExtension.class);

    /** Broker settings that make a one-node test broker fast (see docs/testing notes). */
    static final Map<String, String> FAST_SINGLE_NODE = Map.of(
            "offsets.topic.num.partitions", "1",
            "offsets.topic.replication.factor", "1",
            "transaction.state.log.num.partitions", "1",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "group.initial.rebalance.delay.ms", "0",
            "auto.create.topics.enable", "true");

    private static KafkaTestBroker broker;

    @Override
    public void beforeAll(ExtensionContext context) {
        KafkaTestBroker started = shared();
        System.setProperty("spring.kafka.bootstrap-servers", started.bootstrapServers());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == KafkaTestBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return shared();
    }

    /** The JVM's broker, started on first use and stopped when the JVM exits. */
    public static synchronized KafkaTestBroker shared() {
        if (broker == null) {
            broker = start();
            log.info("Integration tests use {}", broker);
        }
        return broker;
    }

    private static KafkaTestBroker start() {
        String external = firstNonBlank(System.getenv("KAFKA_BOOTSTRAP"), System.getProperty("rxpush.test.kafka.bootstrap"));
        if (external != null) {
            return new KafkaTestBroker(external, KafkaTestBroker.Kind.EXTERNAL);
        }
        if (!"embedded".equals(System.getProperty("rxpush.test.kafka")) && dockerLikelyAvailable()
                && TestcontainersKafka.dockerAvailable()) {
            return new KafkaTestBroker(TestcontainersKafka.start(FAST_SINGLE_NODE), KafkaTestBroker.Kind.TESTCONTAINERS);
        }
        EmbeddedKafkaKraftBroker embedded = new EmbeddedKafkaKraftBroker(1, 1);
        embedded.brokerProperties(FAST_SINGLE_NODE);
        embedded.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::destroy, "embedded-kafka-stop"));
        return new KafkaTestBroker(embedded.getBrokersAsString(), KafkaTestBroker.Kind.EMBEDDED);
    }

    /**
     * A cheap look before asking Testcontainers, whose probe is slow and logs an ERROR block when
     * there is no engine.
     */
    private static boolean dockerLikelyAvailable() {
        return System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
