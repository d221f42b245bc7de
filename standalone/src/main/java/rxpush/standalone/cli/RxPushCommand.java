package rxpush.standalone.cli;

import picocli.CommandLine.Command;

/**
 * The operator CLI: {@code rxpush <verb>}. Without a verb (or with only {@code --name=value}
 * settings) the launcher runs the services: see {@link rxpush.standalone.RxPush}.
 */
@Command(name = "rxpush",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "rx-push: Exchange/Office 365 calendar changes pushed to ResourceXpress through Kafka.%n"
                + "Without a verb, runs every service (same as 'run').",
        subcommands = {RunCommand.class, DoctorCommand.class, ImportLegacyConfigCommand.class, MailboxesCommand.class,
                StatusCommand.class, ResyncCommand.class, ReplayCommand.class, DltCommand.class},
        footer = "%nRun 'rxpush <verb> --help' for the options of each verb.")
public class RxPushCommand implements Runnable {

    @Override
    public void run() {
        // `rxpush` alone is routed to `run` by RxPush.main before picocli sees it.
        throw new IllegalStateException("no verb");
    }
}
