package rxpush.forwarder.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The recovery commands' arguments: every mistake is named, Spring properties pass through. */
class ToolArgumentsTest {

    @Test
    void readsAReplayWithItsWindowMailboxAndSpringProperties() {
        ToolArguments args = ToolArguments.parse("replay", "--from", "2026-11-25T09:00:00Z", "--to=2026-11-25T10:00:00Z",
                "--mailbox", "room.1@contoso.com", "--spring.kafka.bootstrap-servers=k:9092");

        assertThat(args.command()).isEqualTo("replay");
        assertThat(args.from()).isEqualTo(Instant.parse("2026-11-25T09:00:00Z"));
        assertThat(args.to()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(args.mailbox()).isEqualTo("room.1@contoso.com");
        assertThat(args.springArgs()).containsExactly("--spring.kafka.bootstrap-servers=k:9092");
    }

    @Test
    void readsADltRedrive() {
        ToolArguments args = ToolArguments.parse("dlt", "redrive", "--max-redrives", "3");
        assertThat(args.command()).isEqualTo("dlt redrive");
        assertThat(args.maxRedrives()).isEqualTo(3);
        assertThat(ToolArguments.parse("dlt", "redrive").maxRedrives()).isEqualTo(5);
    }

    @Test
    void namesEachMistake() {
        assertThatThrownBy(() -> ToolArguments.parse("replay")).hasMessage("replay needs --from <instant>");
        assertThatThrownBy(() -> ToolArguments.parse("replay", "--from", "yesterday"))
                .hasMessageContaining("--from must be an ISO-8601 instant");
        assertThatThrownBy(() -> ToolArguments.parse("rewind")).hasMessage("unknown command: rewind");
        assertThatThrownBy(ToolArguments::parse).hasMessage("no command given");
        assertThatThrownBy(() -> ToolArguments.parse("dlt", "redrive", "--max-redrives", "0"))
                .hasMessageContaining("--max-redrives must be a positive number");
        assertThatThrownBy(() -> ToolArguments.parse("replay", "--from")).hasMessage("option --from needs a value");
    }

    @Test
    void badArgumentsExitWithTwoAndTheUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ForwarderTools.run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true,
                StandardCharsets.UTF_8), "replay", "--to", "2026-11-25T09:00:00Z");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("replay needs --from").contains("usage:");
    }
}
