package rxpush.standalone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import rxpush.simulators.resourcexpress.ResourceXpressSimulator;
import rxpush.testsupport.KafkaTestBroker;
import rxpush.testsupport.WithKafka;

/** replay and dlt redrive run the forwarder's recovery tools against a real broker with the operator's settings. */
@WithKafka
class RecoveryVerbsIT {

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final StringWriter cliErr = new StringWriter();
    private PrintStream originalOut;
    private PrintStream originalErr;
    private ResourceXpressSimulator rx;

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        rx = ResourceXpressSimulator.start();
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        rx.close();
    }

    private int run(KafkaTestBroker kafka, String... verb) {
        String[] args = new String[verb.length + 3];
        System.arraycopy(verb, 0, args, 0, verb.length);
        args[verb.length] = "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers();
        args[verb.length + 1] = "--rxpush.tenant-url=" + rx.baseUrl();
        args[verb.length + 2] = "--rxpush.api-key=" + rx.apiKey();
        CommandLine cli = new CommandLine(new RxPushCommand());
        cli.setErr(new PrintWriter(cliErr));
        return cli.execute(args);
    }

    @Test
    void replayOfAnEmptyWindowReadsNothingAndSucceeds(KafkaTestBroker kafka) {
        int exit = run(kafka, "replay", "--from", "2030-01-01T00:00:00Z", "--to", "2030-01-01T01:00:00Z",
                "--group", KafkaTestBroker.unique("replay"));
        assertThat(exit).as(stderr.toString()).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("replay: ");
        assertThat(rx.requests()).isEmpty();
    }

    @Test
    void redriveOfAnEmptyDeadLetterTopicSucceeds(KafkaTestBroker kafka) {
        int exit = run(kafka, "dlt", "redrive", "--mailbox", "nobody@contoso.com");
        assertThat(exit).as(stderr.toString()).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("redrive: ");
    }

    @Test
    void replayWithoutAStartIsRefusedBeforeTouchingKafka(KafkaTestBroker kafka) {
        assertThat(run(kafka, "replay")).isEqualTo(2);
        assertThat(cliErr.toString()).contains("--from");
    }

    @Test
    void anInstantThatIsNotOneIsRefused(KafkaTestBroker kafka) {
        assertThat(run(kafka, "replay", "--from", "yesterday")).isEqualTo(2);
        assertThat(cliErr.toString()).contains("yesterday");
    }
}
