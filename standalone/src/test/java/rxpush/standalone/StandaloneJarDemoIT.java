package rxpush.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rxpush.common.kafka.ContractJson;
import tools.jackson.databind.JsonNode;
import rxpush.testsupport.TestPorts;

/**
 * What a newcomer does first: {@code java -jar standalone/target/rxpush.jar --demo}, as a separate
 * process. Bookings must flow from the Exchange simulator into the ResourceXpress simulator, and Ctrl-C
 * (SIGTERM) must stop everything cleanly.
 */
class StandaloneJarDemoIT {

    private static final Pattern RX_URL = Pattern.compile("ResourceXpress simulator at (http://127\\.0\\.0\\.1:\\d+)/sim/bookings");

    @TempDir
    Path workDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> output = new CopyOnWriteArrayList<>();

    @Test
    void theDemoShowsBookingsFlowingIntoResourceXpress() throws Exception {
        Path jar = ModuleDependencyTest.projectRoot().resolve("standalone/target/rxpush.jar");
        assertThat(jar).as("the packaged jar (mvn package runs before the integration tests)").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx768m", "-jar", jar.toString(), "--demo",
                "--server.port=" + TestPorts.next(), "--management.server.port=" + TestPorts.next(),
                "--rxpush.standalone.kafka-port=" + TestPorts.next(), "--rxpush.standalone.kafka-controller-port=" + TestPorts.next(),
                "--rxpush.standalone.data-dir=" + workDir.resolve("data"), "--rxpush.standalone.summary-interval=2s")
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .start();
        Thread reader = Thread.ofVirtual().start(() -> collect(process));
        try {
            String rxBase = await().atMost(Duration.ofSeconds(120)).until(() -> rxUrl(), url -> url != null);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(bookings(rxBase)).as("bookings at RX").isGreaterThan(0));
            assertThat(output).anySatisfy(line -> assertThat(line).startsWith("mailboxes subscribed"));
        } finally {
            // SIGTERM, as Ctrl-C. Through the handle: Process.destroy() would also close our end of its
            // output, losing what it prints while it stops.
            process.toHandle().destroy();
            boolean exited = process.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly();
            }
            assertThat(exited).as("stops within a minute of SIGTERM").isTrue();
            reader.join(Duration.ofSeconds(10)); // the last lines are still in the pipe when the process ends
        }
        assertThat(output).anySatisfy(line -> assertThat(line).startsWith("ResourceXpress vs Exchange:"));
        assertThat(Files.exists(workDir.resolve("data").resolve("meta.properties"))).isTrue();
    }

    private void collect(Process process) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.add(line);
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    private String rxUrl() {
        for (String line : output) {
            Matcher matcher = RX_URL.matcher(line);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        return null;
    }

    private int bookings(String rxBase) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(rxBase + "/sim/bookings")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = ContractJson.mapper().readTree(response.body());
        JsonNode list = body.isArray() ? body : body.path("bookings");
        return list.size();
    }

}
