package rxpush.standalone.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import rxpush.forwarder.replay.ForwarderTools;

/**
 * Runs one of the forwarder's recovery tools with the operator's settings: the forwarder's own
 * defaults, then ./application.yml, then {@code --name=value}, as the services read them.
 */
final class ForwarderToolCall {

    private ForwarderToolCall() {
    }

    static int run(List<String> words, List<String> options, List<String> settings) {
        List<String> args = new ArrayList<>(words);
        args.addAll(options);
        args.add("--spring.config.name=forwarder,application");
        args.addAll(settings);
        PrintStream out = System.out;
        PrintStream err = System.err;
        return ForwarderTools.run(out, err, args.toArray(String[]::new));
    }

    static void option(List<String> options, String name, Object value) {
        if (value != null) {
            options.add("--" + name + "=" + value);
        }
    }
}
