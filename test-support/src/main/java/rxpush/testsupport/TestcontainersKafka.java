package rxpush.testsupport;

import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/** The Docker path of {@link KafkaBrokerExtension}: the official apache/kafka image in KRaft mode. */
final class TestcontainersKafka {

    /** The build's Kafka version (kafka.version in the root pom); overridable with -Drxpush.test.kafka.image=apache/kafka:x.y.z */
    static final String DEFAULT_IMAGE = "apache/kafka:4.2.1";

    private TestcontainersKafka() {
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static String start(Map<String, String> brokerProperties) {
        KafkaContainer container = new KafkaContainer(
                DockerImageName.parse(System.getProperty("rxpush.test.kafka.image", DEFAULT_IMAGE)));
        // apache/kafka maps KAFKA_FOO_BAR environment variables to foo.bar broker properties.
        brokerProperties.forEach((key, value) ->
                container.withEnv("KAFKA_" + key.toUpperCase().replace('.', '_'), value));
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "testcontainers-kafka-stop"));
        return container.getBootstrapServers();
    }
}
