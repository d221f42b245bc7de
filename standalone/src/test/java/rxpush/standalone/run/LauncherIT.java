package rxpush.standalone.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rxpush.testsupport.KafkaTestBroker;
import rxpush.testsupport.WithKafka;
import rxpush.testsupport.TestPorts;

/** The standalone launcher: every service in one JVM behind one admin port, on an embedded or external broker. */
@WithKafka
class LauncherIT {

    @TempDir
    Path dataDir;

    /** The settings every service requires; nothing is pushed or subscribed without mailboxes. */
    private static final List<String> REQUIRED = List.of("--rxpush.tenant-url=http://127.0.0.1:1", "--rxpush.api-key=test-key",
            "--rxpush.notification-url=https://push.example.com");

    private static List<String> with(String... args) {
        java.util.List<String> all = new java.util.ArrayList<>(REQUIRED);
        all.addAll(List.of(args));
        return all;
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void runsEveryServiceOnAnEmbeddedBrokerBehindOneAdminPort() throws Exception {
        // @WithKafka names the shared test broker in a system property, which (rightly) means "external".
        String shared = System.clearProperty("spring.kafka.bootstrap-servers");
        try {
            runsOnAnEmbeddedBroker();
        } finally {
            System.setProperty("spring.kafka.bootstrap-servers", shared);
        }
    }

    private void runsOnAnEmbeddedBroker() throws Exception {
        List<String> args = with("--server.port=0", "--management.server.port=0",
                "--rxpush.standalone.data-dir=" + dataDir, "--rxpush.standalone.kafka-port=" + TestPorts.next(),
                "--rxpush.standalone.kafka-controller-port=" + TestPorts.next());
        try (Launcher launcher = new Launcher().start(args, Map.of(), new PrintStream(console, true))) {
            assertThat(console.toString()).contains("Kafka: embedded broker at 127.0.0.1:");
            assertThat(launcher.contexts()).containsOnlyKeys("subscription", "forwarder", "ingress");
            assertThat(launcher.contexts().get("forwarder").getEnvironment().getProperty("spring.kafka.bootstrap-servers"))
                    .isEqualTo(launcher.bootstrapServers());
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                HttpResponse<String> health = get(launcher.adminPort(), "/actuator/health");
                assertThat(health.body()).contains("\"ingress\":", "\"subscription\":", "\"forwarder\":");
            });
            assertThat(dataDir.resolve("meta.properties")).exists();
            HttpResponse<String> viaGateway = get(launcher.adminPort(), "/actuator/ingress/health/liveness");
            assertThat(viaGateway.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anExternalClusterMeansNoEmbeddedBroker(KafkaTestBroker kafka) {
        List<String> args = with("--server.port=0", "--management.server.port=0",
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(), "--rxpush.standalone.data-dir=" + dataDir.resolve("unused"));
        try (Launcher launcher = new Launcher().start(args, Map.of(), new PrintStream(console, true))) {
            assertThat(launcher.bootstrapServers()).isEqualTo(kafka.bootstrapServers());
            assertThat(console.toString()).contains("Kafka: external cluster at " + kafka.bootstrapServers());
            // no broker data there: only the admin API's token file (kept in the data directory)
            assertThat(dataDir.resolve("unused").resolve("meta.properties")).doesNotExist();
            assertThat(dataDir.resolve("unused").toFile().list()).containsOnly("admin-token");
        }
    }

    @Test
    void aMissingServiceSettingStopsStartUpWithOneLineNamingTheKey(KafkaTestBroker kafka) {
        assertThatThrownBy(() -> new Launcher().start(List.of("--server.port=0", "--management.server.port=0",
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers()), Map.of(), new PrintStream(console, true)))
                .satisfies(e -> assertThat(StartupFailure.describe(e)).startsWith("Invalid configuration: rxpush.")
                        .doesNotContain("\n"));
    }

    @Test
    void aBadSettingStopsStartUpWithOneLineNamingTheKey() {
        assertThatThrownBy(() -> new Launcher().start(List.of("--rxpush.standalone.kafka-port=0"), Map.of(),
                new PrintStream(console, true)))
                .satisfies(e -> assertThat(StartupFailure.describe(e))
                        .isEqualTo("Invalid configuration: rxpush.standalone.kafka-port must be greater than or equal to 1"));
    }

}
