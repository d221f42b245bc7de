package rxpush.standalone.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code rxpush dlt redrive}: dead letters back to the notifications topic. */
@Command(name = "dlt", mixinStandardHelpOptions = true, description = "Work with the forwarder's dead-letter topic.",
        subcommands = DltCommand.Redrive.class)
class DltCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "redrive", mixinStandardHelpOptions = true,
            description = {"Re-submit dead letters to rxpush.notifications (after fixing what made them fail), counting",
                    "redrives in a header; letters redriven too often stay put. Prints a summary.",
                    "Exit code 0 done, 1 some letters failed, 2 bad arguments or configuration."})
    static class Redrive implements Callable<Integer> {

        @Option(names = "--mailbox", paramLabel = "<address>", description = "only this mailbox's letters")
        String mailbox;

        @Option(names = "--max-redrives", paramLabel = "<n>", description = "leave letters redriven this often in place")
        Integer maxRedrives;

        /** Spring settings (--spring.kafka.bootstrap-servers=...). */
        @Unmatched
        List<String> settings = new ArrayList<>();

        @Override
        public Integer call() {
            List<String> options = new ArrayList<>();
            ForwarderToolCall.option(options, "mailbox", mailbox);
            ForwarderToolCall.option(options, "max-redrives", maxRedrives);
            return ForwarderToolCall.run(List.of("dlt", "redrive"), options, settings);
        }
    }
}
