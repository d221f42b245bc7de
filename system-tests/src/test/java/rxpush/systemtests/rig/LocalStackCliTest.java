package rxpush.systemtests.rig;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackCliTest {

    @TempDir
    Path runDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return LocalStackCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsEveryCommand() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("up [--brokers N]", "down", "status", "kill [-9] INSTANCE", "stop INSTANCE",
                        "start INSTANCE", "kill-leader TOPIC PARTITION");
    }

    @Test
    void mistakesExitWithTwoAndPointAtHelp() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(run("--run-dir", runDir.toString(), "up", "--brokers", "three")).isEqualTo(2);
        assertThat(run("--run-dir", runDir.toString(), "up", "--set", "novalue")).isEqualTo(2);
        assertThat(run("kill")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("unknown command frobnicate", "--brokers needs a number, got 'three'",
                        "--set needs key=value", "kill needs an instance name", "(see --help)");
    }

    @Test
    void commandsOnAMissingStackFailWithOneLine() {
        assertThat(run("--run-dir", runDir.toString(), "status")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("local-stack status failed: no stack in")
                .contains("run 'up' first");
    }
}
