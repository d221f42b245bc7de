package rxpush.systemtests.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compose's own validation ({@code config -q}, offline) of every way docs/deployment.md starts the
 * stack, when Compose is installed ({@code docker compose} v2 or {@code docker-compose} v2 or 1.29,
 * the oldest the file supports); skipped otherwise. A missing required setting must stop compose.
 */
class ComposeConfigTest {

    private final Path root = ProjectFacts.projectRoot();

    @Test
    void composeAcceptsEveryDocumentedInvocation(@TempDir Path dir) throws Exception {
        Optional<List<String>> compose = compose();
        assumeTrue(compose.isPresent(), "no Compose on this machine");
        String example = Files.readString(root.resolve("deploy/example.env"));
        Path single = Files.writeString(dir.resolve("single.env"), example);
        Path cluster = Files.writeString(dir.resolve("cluster.env"), example
                .replace("#COMPOSE_FILE=", "COMPOSE_FILE=").replace("#COMPOSE_PROFILES=", "COMPOSE_PROFILES="));
        // An operator's .env (deploy/example.env filled in): one broker, then the cluster overlay
        // and observability chosen in the file; the demo's own env file.
        for (Path envFile : List.of(single, cluster, root.resolve("deploy/demo.env"))) {
            Result result = run(command(compose.get(), envFile, "config", "-q"), envFile);
            assertThat(result.exitCode()).as("%s: %s", envFile, result.output()).isZero();
        }
        Result services = run(command(compose.get(), cluster, "config", "--services"), cluster);
        assertThat(services.output()).contains("kafka-2", "kafka-3", "prometheus", "lb");
    }

    @Test
    void aMissingRequiredSettingStopsCompose(@TempDir Path dir) throws Exception {
        Optional<List<String>> compose = compose();
        assumeTrue(compose.isPresent(), "no Compose on this machine");
        Path envFile = Files.writeString(dir.resolve("partial.env"), Files.readString(root.resolve("deploy/example.env"))
                .replace("RXPUSH_NOTIFICATION_URL=", "#RXPUSH_NOTIFICATION_URL="));
        Result result = run(command(compose.get(), envFile, "config", "-q"), envFile);
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("set RXPUSH_NOTIFICATION_URL in .env");
    }

    private static List<String> command(List<String> compose, Path envFile, String... args) {
        List<String> command = new ArrayList<>(compose);
        command.addAll(List.of("--env-file", envFile.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private Optional<List<String>> compose() {
        for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            List<String> version = new ArrayList<>(candidate);
            version.addAll(List.of("version", "--short"));
            try {
                Result result = run(version, null);
                if (result.exitCode() == 0 && result.output().trim().matches("v?([2-9]\\.|1\\.(29|[3-9][0-9])\\.).*")) {
                    return Optional.of(candidate);
                }
            } catch (IOException notInstalled) {
                // Try the next form.
            }
        }
        return Optional.empty();
    }

    private record Result(int exitCode, String output) {
    }

    /** Runs compose in the project root; the services' env_file is the given file (not a .env). */
    private Result run(List<String> command, Path envFile) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        if (envFile != null) {
            builder.environment().put("RXPUSH_ENV_FILE", envFile.toString());
        }
        Process process = builder.start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(process.exitValue(), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
