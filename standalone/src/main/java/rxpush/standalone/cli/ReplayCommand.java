package rxpush.standalone.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** {@code rxpush replay --from <instant> ...}: re-forward a window of the notifications topic. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Re-read rxpush.notifications for a time window with a consumer group of its own and forward",
                "idempotently, while the live forwarders keep running: versions ResourceXpress already has are",
                "skipped. Prints progress and a summary (read, pushed, skipped as already applied, failed).",
                "Exit code 0 done, 1 some records failed, 2 bad arguments or configuration."})
class ReplayCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "<instant>", description = "start, ISO-8601 UTC (2026-11-25T09:00:00Z)")
    Instant from;

    @Option(names = "--to", paramLabel = "<instant>", description = "end, ISO-8601 UTC (default: now)")
    Instant to;

    @Option(names = "--mailbox", paramLabel = "<address>", description = "only this mailbox")
    String mailbox;

    @Option(names = "--group", paramLabel = "<group>", description = "consumer group (default: rxpush-replay-<timestamp>)")
    String group;

    /** Spring settings (--spring.kafka.bootstrap-servers=..., --rxpush.tenant-url=...). */
    @Unmatched
    List<String> settings = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> options = new ArrayList<>();
        ForwarderToolCall.option(options, "from", from);
        ForwarderToolCall.option(options, "to", to);
        ForwarderToolCall.option(options, "mailbox", mailbox);
        ForwarderToolCall.option(options, "group", group);
        return ForwarderToolCall.run(List.of("replay"), options, settings);
    }
}
