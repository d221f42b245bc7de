package rxpush.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rxpush.testsupport.TestPorts;

/**
 * Issue 13: the packaged jar must never freeze at start-up, whatever the core count. Starts
 * {@code standalone/target/rxpush.jar --demo} (EWS and Graph rooms on the simulators) as a user would,
 * on two cores ({@code -XX:ActiveProcessorCount=2 -Xmx1g}), {@value #DEFAULT_STARTS} times in a row, each
 * start with a fresh data directory and first requests fired at every port the instant it accepts;
 * every start must print "every mailbox subscribed". A start that falls silent first (the freeze
 * printed nothing more, for good; a start that is merely slow on a busy machine keeps logging) or
 * overruns the overall deadline gets its thread dumps (virtual threads included) written to
 * {@code target/startup-hangs/} and the test fails with them.
 *
 * <p>The freeze this guards against (docs/reliability.md, "Start-up freeze on two cores") was one
 * start in about eighteen with the old nested-jar packaging. System properties {@code rxpush.startup.jar},
 * {@code rxpush.startup.starts} and {@code rxpush.startup.deadline} (seconds) point the test at another
 * build or run it longer, e.g. to show it catches the old packaging; {@code rxpush.startup.silence}
 * (seconds) is how long a start may print nothing.
 */
class PackagedJarStartupIT {

    static final int DEFAULT_STARTS = 20;
    private static final String READY = "Demo: every mailbox subscribed";
    private static final Pattern MANAGEMENT_PORT = Pattern.compile("(ingress|forwarder|subscription) started \\(management port (\\d+)\\)");

    @TempDir
    Path workDir;

    @Test
    void theJarLoadsEveryClassThroughTheJdksOwnClassLoader() throws IOException {
        Path jar = jar();
        try (JarFile file = new JarFile(jar.toFile())) {
            Attributes main = file.getManifest().getMainAttributes();
            assertThat(main.getValue(Attributes.Name.MAIN_CLASS)).isEqualTo("rxpush.standalone.RxPush");
            assertThat(file.stream().map(e -> e.getName()))
                    .as("no Spring Boot loader and no nested jars: classes load through the JDK's jar handling")
                    .noneMatch(name -> name.startsWith("org/springframework/boot/loader/") || name.endsWith(".jar"));
            List<String> classPath = Arrays.asList(main.getValue(Attributes.Name.CLASS_PATH).split(" "));
            assertThat(classPath).as("the manifest's Class-Path").isNotEmpty()
                    .allSatisfy(entry -> assertThat(jar.resolveSibling(entry)).as(entry).isRegularFile());
            assertThat(classPath).anySatisfy(entry -> assertThat(entry).startsWith("lib/ingress-service-"))
                    .noneMatch(entry -> entry.startsWith("lib/spring-boot-loader"));
        }
    }

    @Test
    void everyStartOnTwoCoresUnderFirstRequestsSubscribesEveryMailbox() throws Exception {
        Path jar = jar();
        int starts = Integer.getInteger("rxpush.startup.starts", DEFAULT_STARTS);
        Duration deadline = Duration.ofSeconds(Integer.getInteger("rxpush.startup.deadline", 600));
        Duration silence = Duration.ofSeconds(Integer.getInteger("rxpush.startup.silence", 90));
        Path reports = Path.of("target", "startup-hangs").toAbsolutePath();
        List<String> timings = new ArrayList<>();
        long began = System.nanoTime();
        for (int start = 1; start <= starts; start++) {
            timings.add(startOnce(jar, start, starts, deadline, silence, reports));
            System.out.printf("PackagedJarStartupIT: start %d of %d reached \"%s\" after %s s%n", start, starts, READY,
                    timings.getLast());
        }
        System.out.printf("PackagedJarStartupIT: %d starts of %s in %.1f s; per start: %s%n", starts, jar,
                (System.nanoTime() - began) / 1e9, timings);
    }

    /** One start: returns "seconds to every mailbox subscribed", or fails with the thread dumps. */
    private String startOnce(Path jar, int start, int starts, Duration deadline, Duration silence, Path reports)
            throws Exception {
        int notificationPort = TestPorts.next();
        int adminPort = TestPorts.next();
        Path dir = Files.createDirectories(workDir.resolve("start-" + start));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-XX:ActiveProcessorCount=2", "-Xmx1g", "-jar", jar.toString(), "--demo",
                "--server.port=" + notificationPort, "--management.server.port=" + adminPort,
                "--rxpush.standalone.kafka-port=" + TestPorts.next(),
                "--rxpush.standalone.kafka-controller-port=" + TestPorts.next(),
                "--rxpush.standalone.data-dir=" + dir.resolve("data"), "--rxpush.standalone.summary-interval=0s");
        long began = System.nanoTime();
        try (FirstRequests requests = new FirstRequests(notificationPort, adminPort, 6);
                JarProcess process = JarProcess.start(command, dir, line -> {
                    Matcher matcher = MANAGEMENT_PORT.matcher(line);
                    if (matcher.find()) {
                        requests.scrape(Integer.parseInt(matcher.group(2)));
                    }
                })) {
            try {
                await().atMost(deadline).pollInterval(Duration.ofMillis(250)).until(() -> process.printed(READY)
                        || !process.alive() || process.silentFor().compareTo(silence) > 0);
            } catch (ConditionTimeoutException overran) {
                // checked below, with the silent case
            }
            if (process.alive() && !process.printed(READY)) {
                String dumps = process.threadDumps(reports, "start-" + start);
                fail("start %d of %d (pid %d) did not reach \"%s\": silent for %d s, %.0f s after start (limits: %d s"
                        + " silent, %d s in all); first requests answered: %s%nlast output:%n%s%n%s", start, starts,
                        process.pid(), READY, process.silentFor().toSeconds(), (System.nanoTime() - began) / 1e9,
                        silence.toSeconds(), deadline.toSeconds(), requests.answered(),
                        String.join("\n", JarProcess.tail(process.output(), 30)), dumps);
            }
            assertThat(process.alive()).as("start %d is still running; its output:%n%s", start,
                    String.join("\n", process.output())).isTrue();
            double seconds = (System.nanoTime() - began) / 1e9;
            // The requests did race the start: Graph's handshake and the scrapes were answered meanwhile.
            assertThat(requests.answered("graph-validation", 200)).as("validation handshakes answered during start %d: %s",
                    start, requests.answered()).isPositive();
            assertThat(requests.answered("prometheus", 200) + requests.answered("health", 200))
                    .as("scrapes answered during start %d: %s", start, requests.answered()).isPositive();
            return String.format("%.1f", seconds);
        }
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("rxpush.startup.jar",
                ModuleDependencyTest.projectRoot().resolve("standalone/target/rxpush.jar").toString()));
        assertThat(jar).as("the packaged jar (mvn package runs before the integration tests)").isRegularFile();
        return jar;
    }
}
