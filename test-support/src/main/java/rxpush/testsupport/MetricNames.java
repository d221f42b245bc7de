package rxpush.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checked-in list of metric names each service registers, {@code deploy/prometheus/metric-names.txt}
 * (lines {@code <service> <name>}). Each service's test proves its {@code /actuator/prometheus} page
 * has every name listed for it; the dashboard and alert-rule tests prove every query names a listed
 * metric. So a renamed meter breaks a test instead of a dashboard.
 */
public final class MetricNames {

    /** The list, found from a module's directory (tests run with the module as working directory). */
    public static Path file() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("deploy/prometheus/metric-names.txt");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("deploy/prometheus/metric-names.txt not found above " + Path.of("").toAbsolutePath());
    }

    /** Names listed for one service ({@code ingress}, {@code subscription}, {@code forwarder}). */
    public static List<String> of(String service) {
        List<String> names = new ArrayList<>();
        for (String[] line : lines()) {
            if (line[0].equals(service)) {
                names.add(line[1]);
            }
        }
        return names;
    }

    /** Every listed name, of any service. */
    public static Set<String> all() {
        Set<String> names = new TreeSet<>();
        lines().forEach(line -> names.add(line[1]));
        return names;
    }

    /** The metric names (series names without labels) of a Prometheus text page. */
    public static Set<String> onPage(String page) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]").matcher(page);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The listed names of the service that the page lacks (a histogram or summary counts by its _count). */
    public static List<String> missing(String service, String page) {
        Set<String> present = onPage(page);
        return of(service).stream().filter(name -> !present.contains(name) && !present.contains(name + "_count")
                && !present.contains(name + "_bucket")).toList();
    }

    private static List<String[]> lines() {
        try {
            return Files.readAllLines(file()).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> l.split("\\s+", 2)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MetricNames() {
    }
}
