package rxpush.systemtests.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Compose's own validation ({@code config -q}, offline) of every way docs/deployment.md starts the
 * stack, when a Compose v2 binary is installed ({@code docker-compose} or the {@code docker compose}
 * plugin); skipped otherwise. Compose v1 (Debian bookworm's 1.29) rejects current keys and is not used.
 */
class ComposeConfigTest {

    private final Path root = ProjectFacts.projectRoot();

    @Test
    void composeAcceptsEveryDocumentedInvocation() throws Exception {
        Optional<List<String>> compose = composeV2();
        assumeTrue(compose.isPresent(), "no Compose v2 binary on this machine");
        for (List<String> args : List.of(
                List.<String>of(),
                List.of("--profile", "demo", "--profile", "observability"),
                List.of("--env-file", "deploy/kafka-cluster.env", "--profile", "kafka-cluster"))) {
            List<String> command = new ArrayList<>(compose.get());
            command.addAll(List.of("-f", "docker-compose.yml"));
            command.addAll(args);
            command.addAll(List.of("config", "-q"));
            Result result = run(command);
            assertThat(result.exitCode()).as("%s: %s", command, result.output()).isZero();
        }
    }

    private Optional<List<String>> composeV2() {
        for (List<String> candidate : List.of(List.of("docker-compose"), List.of("docker", "compose"))) {
            List<String> version = new ArrayList<>(candidate);
            version.addAll(List.of("version", "--short"));
            try {
                Result result = run(version);
                if (result.exitCode() == 0 && result.output().trim().matches("v?[2-9]\\..*")) {
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

    private Result run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
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
