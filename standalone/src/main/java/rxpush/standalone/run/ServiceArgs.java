package rxpush.standalone.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line each service context gets: the operator's settings with the launcher's per-service
 * overrides in their place. Spring joins repeated {@code --key=value} options with commas, so an
 * override must replace the operator's value, not follow it.
 */
final class ServiceArgs {

    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> others = new ArrayList<>();

    ServiceArgs(List<String> operatorArgs) {
        for (String arg : operatorArgs) {
            if (arg.startsWith("--") && arg.contains("=")) {
                int eq = arg.indexOf('=');
                options.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else {
                others.add(arg);
            }
        }
    }

    ServiceArgs set(String key, String value) {
        options.put(key, value);
        return this;
    }

    /** A default the operator's own setting wins over. */
    ServiceArgs setIfAbsent(String key, String value) {
        options.putIfAbsent(key, value);
        return this;
    }

    ServiceArgs setAll(Map<String, String> values) {
        values.forEach(this::set);
        return this;
    }

    /** The value of an option, or null. */
    String get(String key) {
        return options.get(key);
    }

    ServiceArgs copy() {
        ServiceArgs copy = new ServiceArgs(List.of());
        copy.options.putAll(options);
        copy.others.addAll(others);
        return copy;
    }

    String[] toArray() {
        List<String> args = new ArrayList<>(others);
        options.forEach((key, value) -> args.add("--" + key + "=" + value));
        return args.toArray(String[]::new);
    }
}
