package rxpush.standalone;

import java.util.Arrays;
import picocli.CommandLine;
import rxpush.standalone.cli.RxPushCommand;

/**
 * The jar's entry point. {@code rxpush} with no verb, or with only {@code --name=value} settings,
 * runs the services; {@code rxpush <verb> ...} runs an operator verb.
 */
public final class RxPush {

    private RxPush() {
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        return new CommandLine(new RxPushCommand()).execute(route(args));
    }

    /** Settings without a verb mean "run": picocli then sees {@code run --a=b ...}. */
    static String[] route(String[] args) {
        boolean verbGiven = args.length > 0 && !args[0].startsWith("-");
        boolean helpOrVersion = args.length > 0 && Arrays.asList("--help", "-h", "--version", "-V").contains(args[0]);
        if (verbGiven || helpOrVersion) {
            return args;
        }
        String[] routed = new String[args.length + 1];
        routed[0] = "run";
        System.arraycopy(args, 0, routed, 1, args.length);
        return routed;
    }
}
