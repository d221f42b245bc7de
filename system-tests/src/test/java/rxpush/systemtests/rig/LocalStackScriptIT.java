package rxpush.systemtests.rig;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * scripts/local-stack.sh itself, as a developer runs it: up, status, kill -9, start, down on a
 * one-broker stack (the build already ran, so --no-build).
 */
class LocalStackScriptIT {

    private final Path root = RigClasspath.moduleDir().toAbsolutePath().getParent();
    private final Path runDir = RigClasspath.moduleDir().resolve("target/rig-runs/script").toAbsolutePath();

    private record Result(int exitCode, String output) {
    }

    private Result script(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(root.resolve("scripts/local-stack.sh").toString(),
                "--run-dir", runDir.toString(), "--no-build"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("script finished").isTrue();
        return new Result(process.exitValue(), output);
    }

    @AfterEach
    void down() throws Exception {
        script("down");
    }

    @Test
    void helpNeedsNoBuild() throws Exception {
        Result help = script("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.output()).contains("kill-leader TOPIC PARTITION");
    }

    @Test
    void upStatusKillStartDown() throws Exception {
        int base = StackSpec.defaults(runDir, "cp").withCounts(1, 0, 0, 0).withSimulators(false).withFreePortBase()
                .portBase();
        Result up = script("up", "--brokers", "1", "--ingress", "0", "--subscription", "0", "--forwarder", "0",
                "--no-simulators", "--port-base", Integer.toString(base));
        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.output()).contains("Kafka at 127.0.0.1:" + (base + 1)).containsPattern("broker-1 +\\d+ +ready");

        Result killed = script("kill", "-9", "broker-1");
        assertThat(killed.output()).contains("killed broker-1 (SIGKILL)");
        assertThat(script("status").output()).containsPattern("broker-1 +- +down");

        Result started = script("start", "broker-1");
        assertThat(started.exitCode()).as(started.output()).isZero();
        assertThat(script("status").output()).containsPattern("broker-1 +\\d+ +ready");

        assertThat(script("down").output()).contains("stopped every instance");
        assertThat(script("status").output()).containsPattern("broker-1 +- +down");
    }
}
