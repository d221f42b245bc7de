package rxpush.standalone.doctor;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import rxpush.common.kafka.TopicDeclarations;
import rxpush.common.kafka.TopicSettings;

/** Kafka reachable and every rx-push topic present. */
final class KafkaCheck implements DoctorCheck {

    private final String bootstrapServers;
    private final List<String> topics;
    private final Duration timeout;

    /** Checks for every topic rx-push declares. */
    KafkaCheck(String bootstrapServers, Duration timeout) {
        this(bootstrapServers, TopicDeclarations.topics(TopicSettings.defaults()).stream().map(t -> t.name()).toList(), timeout);
    }

    KafkaCheck(String bootstrapServers, List<String> topics, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.topics = List.copyOf(topics);
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "Kafka";
    }

    @Override
    public List<CheckResult> run() {
        int millis = (int) timeout.toMillis();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis))) {
            int brokers = admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Set<String> missing = new TreeSet<>(topics);
            missing.removeAll(existing);
            if (!missing.isEmpty()) {
                return List.of(CheckResult.fail("Kafka at " + bootstrapServers + " (" + brokers + " brokers) lacks topics " + missing,
                        "start any rx-push service once (each declares the topics) or create them with the settings in docs/architecture.md"));
            }
            return List.of(CheckResult.pass("Kafka at " + bootstrapServers + " is reachable (" + brokers
                    + " brokers) and has every rx-push topic"));
        } catch (java.util.concurrent.TimeoutException e) {
            return List.of(CheckResult.fail("Kafka at " + bootstrapServers + " did not answer within " + timeout.toSeconds() + " s",
                    "check spring.kafka.bootstrap-servers and that the brokers are running and reachable"));
        } catch (java.util.concurrent.ExecutionException e) {
            return List.of(CheckResult.fail("Kafka at " + bootstrapServers + " failed: " + Describe.io(e.getCause()),
                    "check spring.kafka.bootstrap-servers and the brokers' listeners"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of(CheckResult.fail("interrupted", ""));
        } catch (RuntimeException e) {
            return List.of(CheckResult.fail("Kafka client could not be created for " + bootstrapServers + ": " + Describe.io(e),
                    "check spring.kafka.bootstrap-servers (host:port[,host:port])"));
        }
    }
}
