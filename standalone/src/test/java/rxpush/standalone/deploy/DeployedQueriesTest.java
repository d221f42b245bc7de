package rxpush.standalone.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import rxpush.testsupport.MetricNames;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What ships in deploy/ for monitoring works against the metrics the services really register: every
 * Grafana panel query and every alert rule names metrics of deploy/prometheus/metric-names.txt (which each
 * service's metrics page test checks), the dashboard has the protocol variable and the subscription and
 * lag panels, and the alert rules pass their promtool unit tests when promtool is installed.
 */
class DeployedQueriesTest {

    /** Prometheus's own series and functions' words that are not metric names. */
    private static final Set<String> NOT_METRICS = Set.of("up", "sum", "by", "max", "min", "rate", "increase", "deriv",
            "and", "or", "unless", "without", "on", "ignoring", "histogram_quantile", "absent", "offset", "le",
            "count", "avg", "topk", "bottomk", "clamp_min", "delta", "irate", "humanize", "humanizeDuration", "group_left",
            "label_values", "bool", "vector", "scalar", "time", "avg_over_time", "max_over_time", "min_over_time");

    private static final Path DEPLOY = MetricNames.file().getParent().getParent();

    @Test
    void everyDashboardQueryNamesARegisteredMetric() throws IOException {
        JsonNode dashboard = JsonMapper.shared().readTree(Files.readString(DEPLOY.resolve("grafana/dashboards/rxpush-overview.json")));
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(target.get("expr").asString());
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            queries.add(variable.path("query").isObject() ? variable.path("query").path("query").asString()
                    : variable.path("query").asString());
        }
        assertThat(queries).isNotEmpty();
        assertNamesRegistered(queries);
    }

    @Test
    void dashboardHasTheProtocolVariableAndTheSubscriptionAndLagPanels() throws IOException {
        String json = Files.readString(DEPLOY.resolve("grafana/dashboards/rxpush-overview.json"));
        JsonNode dashboard = JsonMapper.shared().readTree(json);
        List<String> variables = new ArrayList<>();
        dashboard.path("templating").path("list").forEach(v -> variables.add(v.get("name").asString()));
        assertThat(variables).contains("protocol");
        assertThat(json).contains("rxpush_subscription_mailboxes").contains("rxpush_forwarder_group_lag")
                .contains("protocol=~\\\"$protocol\\\"");
    }

    @Test
    void everyAlertRuleNamesARegisteredMetric() throws IOException {
        List<String> expressions = new ArrayList<>();
        Matcher m = Pattern.compile("(?ms)^\\s+expr: (\\|\\n(.*?)(?=^\\s+for:|^\\s+labels:)|(.*?)$)")
                .matcher(Files.readString(DEPLOY.resolve("prometheus/alerts.yml")));
        while (m.find()) {
            expressions.add(m.group(2) != null ? m.group(2) : m.group(3));
        }
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(8);
        assertNamesRegistered(expressions);
    }

    @Test
    void alertRulesPassTheirPromtoolUnitTests() throws Exception {
        Path promtool = onPath("promtool");
        Assumptions.assumeTrue(promtool != null,
                "promtool is not installed (Debian: apt-get install prometheus); CI installs it and runs this test");
        Process process = new ProcessBuilder(promtool.toString(), "test", "rules", "alerts.test.yml")
                .directory(DEPLOY.resolve("prometheus").toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("SUCCESS");
    }

    private static void assertNamesRegistered(List<String> queries) {
        Set<String> known = MetricNames.all();
        Set<String> unknown = new TreeSet<>();
        for (String query : queries) {
            for (String name : metricNames(query)) {
                if (!known.contains(name) && !known.contains(stripSuffix(name))) {
                    unknown.add(name + " (in: " + query.strip() + ")");
                }
            }
        }
        assertThat(unknown).as("metrics not registered by any service (deploy/prometheus/metric-names.txt)").isEmpty();
    }

    /** Words of a PromQL expression that stand for metrics: outside braces, strings and [ranges], not functions. */
    static Set<String> metricNames(String query) {
        String bare = query.replaceAll("\\{[^}]*}", " ").replaceAll("\"[^\"]*\"", " ").replaceAll("\\[[^]]*]", " ")
                .replaceAll("(by|without|on|ignoring)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(bare);
        while (m.find()) {
            String word = m.group();
            int after = m.end();
            boolean function = after < bare.length() && bare.substring(after).stripLeading().startsWith("(");
            if (!function && !NOT_METRICS.contains(word) && !word.matches("\\d.*") && word.contains("_")
                    || "up".equals(word)) {
                names.add(word);
            }
        }
        names.remove("up");
        return names;
    }

    private static String stripSuffix(String name) {
        return name.replaceAll("_(bucket|count|sum|max)$", "");
    }

    private static Path onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
