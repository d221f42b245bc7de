package rxpush.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the project's conventions over every module's sources, so they hold without anyone having to
 * remember them (docs/architecture.md and the README name them).
 */
class ConventionsTest {

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern TEST_ANNOTATION = Pattern.compile("@(Test|ParameterizedTest|RepeatedTest|TestFactory)\\b");
    private static final Pattern KAFKA_MOCK = Pattern.compile("MockProducer|MockConsumer|mock\\(\\s*KafkaTemplate"
            + "|@MockitoBean\\s+(private\\s+)?KafkaTemplate|@MockBean\\s+(private\\s+)?KafkaTemplate");
    /** A hard ceiling; the convention is to split a class by responsibility well before (~300 lines). */
    static final int MAX_MAIN_FILE_LINES = 450;

    private static List<Path> javaFiles(String sourceSet) {
        Path root = ModuleDependencyTest.projectRoot();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/" + sourceSet + "/java/"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void testsAwaitInsteadOfSleeping() {
        List<String> offenders = new ArrayList<>();
        for (Path file : javaFiles("test")) {
            List<String> lines = read(file).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                boolean justified = lines.get(i).contains("sleep-ok:") || (i > 0 && lines.get(i - 1).contains("sleep-ok:"));
                if (lines.get(i).contains("Thread.sleep(") && !justified) {
                    offenders.add(file + ":" + (i + 1));
                }
            }
        }
        assertThat(offenders)
                .as("tests wait with Awaitility or an injected clock; a fixture that simulates a slow peer says why with"
                        + " '// sleep-ok: <reason>'")
                .isEmpty();
    }

    @Test
    void integrationTestsUseARealBroker() {
        List<String> offenders = javaFiles("test").stream()
                .filter(p -> p.getFileName().toString().endsWith("IT.java"))
                .filter(p -> KAFKA_MOCK.matcher(read(p)).find())
                .map(Path::toString).toList();
        assertThat(offenders).as("*IT tests run on a real broker (@WithKafka), never on Kafka mocks").isEmpty();
    }

    @Test
    void everyClassWithTestsIsNamedSoMavenRunsIt() {
        List<String> offenders = javaFiles("test").stream()
                .filter(p -> TEST_ANNOTATION.matcher(read(p)).find())
                .filter(p -> !p.getFileName().toString().matches(".*(Test|IT|Benchmark)\\.java"))
                .map(Path::toString).toList();
        assertThat(offenders).as("Surefire runs *Test and Failsafe *IT; *Benchmark runs only on demand"
                + " (docs/benchmarks.md); other names would be silently skipped").isEmpty();
    }

    @Test
    void everyClassLivesUnderTheRxpushBasePackage() {
        List<String> offenders = new ArrayList<>();
        for (String sourceSet : List.of("main", "test")) {
            for (Path file : javaFiles(sourceSet)) {
                Matcher matcher = PACKAGE.matcher(read(file));
                if (!matcher.find() || !matcher.group(1).startsWith("rxpush.")) {
                    offenders.add(file.toString());
                }
            }
        }
        assertThat(offenders).as("base package rxpush.<module>").isEmpty();
    }

    @Test
    void mainClassesStaySmall() {
        List<String> offenders = javaFiles("main").stream()
                .filter(p -> read(p).lines().count() > MAX_MAIN_FILE_LINES)
                .map(p -> p + " (" + read(p).lines().count() + " lines)").toList();
        assertThat(offenders).as("split a class by responsibility when it grows past ~300 lines").isEmpty();
    }
}
