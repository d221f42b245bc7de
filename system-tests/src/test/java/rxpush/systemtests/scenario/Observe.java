package rxpush.systemtests.scenario;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rxpush.systemtests.rig.Instance;
import tools.jackson.databind.JsonNode;

/** What the services say about themselves on their actuator: partitions, ownership, answers. */
final class Observe {

    private static final Pattern HTTP_COUNT = Pattern.compile(
            "^http_server_requests_seconds_count\\{(.*)} ([0-9.eE+]+)$", Pattern.MULTILINE);
    private static final Pattern STATUS = Pattern.compile("status=\"(\\d+)\"");
    private static final Pattern URI_TAG = Pattern.compile("uri=\"([^\"]*)\"");

    private Observe() {
    }

    /** The notification partitions a forwarder instance works on (its health details). */
    static Set<Integer> forwarderPartitions(Instance forwarder) {
        JsonNode partitions = health(forwarder).path("components").path("forwarder").path("details")
                .path("partitions");
        Set<Integer> owned = new TreeSet<>();
        partitions.propertyNames().forEach(name -> owned.add(Integer.parseInt(name)));
        return owned;
    }

    /** The mailbox partitions a subscription instance owns (its health details). */
    static Set<Integer> subscriptionPartitions(Instance subscription) {
        Set<Integer> owned = new TreeSet<>();
        health(subscription).path("components").path("subscriptionHealth").path("details").path("ownedPartitions")
                .forEach(partition -> owned.add(partition.asInt()));
        return owned;
    }

    /** HTTP answers of an ingress instance to notification requests (EWS and Graph), by status. */
    static Map<String, Long> ingressAnswers(Instance ingress) {
        return notificationAnswers(Http.getText(ingress.adminUrl().resolve("/actuator/prometheus")));
    }

    /** Labels may hold braces ({@code uri="/ews/notifications/{token}"}): a line's labels run to its last brace. */
    static Map<String, Long> notificationAnswers(String prometheusText) {
        Map<String, Long> byStatus = new TreeMap<>();
        Matcher line = HTTP_COUNT.matcher(prometheusText);
        while (line.find()) {
            Matcher uri = URI_TAG.matcher(line.group(1));
            Matcher status = STATUS.matcher(line.group(1));
            if (uri.find() && status.find() && (uri.group(1).startsWith("/ews") || uri.group(1).startsWith("/graph"))) {
                byStatus.merge(status.group(1), (long) Double.parseDouble(line.group(2)), Long::sum);
            }
        }
        return byStatus;
    }

    /** The sum of every series of a Prometheus metric on an instance (0 when it has none yet). */
    static double metricSum(Instance instance, String metric) {
        return metricSum(Http.getText(instance.adminUrl().resolve("/actuator/prometheus")), metric);
    }

    static double metricSum(String prometheusText, String metric) {
        Matcher line = Pattern.compile("^" + Pattern.quote(metric) + "(\\{.*})? ([0-9.eE+-]+)$", Pattern.MULTILINE)
                .matcher(prometheusText);
        double sum = 0;
        while (line.find()) {
            sum += Double.parseDouble(line.group(2));
        }
        return sum;
    }

    private static JsonNode health(Instance instance) {
        return Http.get(instance.adminUrl().resolve(instance.healthPath()));
    }
}
