package rxpush.forwarder.replay;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of {@link ForwarderTools}: a command ({@code replay} or {@code dlt redrive}), its
 * options, and any {@code --name=value} Spring property (they configure Kafka, RX and Exchange as for
 * the forwarder itself).
 */
record ToolArguments(String command, Map<String, String> options, List<String> springArgs) {

    static final String USAGE = """
            usage:
              replay --from <instant> [--to <instant>] [--mailbox <address>] [--group <consumer group>]
              dlt redrive [--mailbox <address>] [--max-redrives <n>]
            Instants are ISO-8601 UTC, e.g. 2026-11-25T09:00:00Z. Settings come from forwarder.properties and
            any --name=value (e.g. --spring.kafka.bootstrap-servers=host:9092).""";

    private static final Map<String, Set<String>> OPTIONS = Map.of(
            "replay", Set.of("from", "to", "mailbox", "group"),
            "dlt redrive", Set.of("mailbox", "max-redrives"));

    static ToolArguments parse(String... args) {
        List<String> words = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        List<String> spring = new ArrayList<>();
        int i = 0;
        while (i < args.length && !args[i].startsWith("--")) {
            words.add(args[i++]);
        }
        String command = String.join(" ", words);
        Set<String> allowed = OPTIONS.get(command);
        if (allowed == null) {
            throw new IllegalArgumentException(command.isEmpty() ? "no command given" : "unknown command: " + command);
        }
        for (; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            String name = arg.substring(2);
            if (name.contains("=")) {
                String key = name.substring(0, name.indexOf('='));
                if (allowed.contains(key)) {
                    options.put(key, name.substring(name.indexOf('=') + 1));
                } else {
                    spring.add(arg);
                }
            } else if (allowed.contains(name) && i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("option --" + name + " needs a value");
            }
        }
        ToolArguments parsed = new ToolArguments(command, Map.copyOf(options), List.copyOf(spring));
        if (command.equals("replay") && !options.containsKey("from")) {
            throw new IllegalArgumentException("replay needs --from <instant>");
        }
        parsed.from();
        parsed.to();
        parsed.maxRedrives();
        return parsed;
    }

    Instant from() {
        return instant("from");
    }

    Instant to() {
        return instant("to");
    }

    String mailbox() {
        return options.get("mailbox");
    }

    String group() {
        return options.get("group");
    }

    int maxRedrives() {
        String value = options.getOrDefault("max-redrives", "5");
        try {
            int n = Integer.parseInt(value);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--max-redrives must be a positive number, not " + value);
        }
    }

    private Instant instant(String name) {
        String value = options.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--" + name + " must be an ISO-8601 instant such as "
                    + "2026-11-25T09:00:00Z, not " + value);
        }
    }
}
