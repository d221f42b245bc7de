package rxpush.systemtests.compose;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shape the issue asks of docker-compose.yml: one Kafka node by default and three in the
 * kafka-cluster profile (with deploy/kafka-cluster.env), two subscription replicas, a forwarder
 * that scales, simulators only in demo, Prometheus and Grafana only in observability; every
 * profile documented in docs/deployment.md and every mounted file present.
 */
final class ComposeLayoutCheck {

    static final Set<String> PROFILES = Set.of("demo", "observability", "kafka-cluster");

    /** Where each service belongs: its one profile, or "" for the default stack. */
    static final Map<String, String> PLACEMENT = Map.of(
            "kafka", "", "ingress", "", "subscription", "", "forwarder", "",
            "kafka-2", "kafka-cluster", "kafka-3", "kafka-cluster",
            "exchange-simulator", "demo", "rx-simulator", "demo",
            "prometheus", "observability", "grafana", "observability");

    private final ProjectFacts facts;

    ComposeLayoutCheck(ProjectFacts facts) {
        this.facts = facts;
    }

    List<String> check(ComposeFile compose, Map<String, String> clusterEnv, String deploymentDoc) throws Exception {
        List<String> problems = new ArrayList<>();
        Set<String> missing = new TreeSet<>(PLACEMENT.keySet());
        missing.removeAll(compose.services().keySet());
        missing.forEach(name -> problems.add(name + ": missing from docker-compose.yml"));
        for (ComposeFile.Service service : compose.services().values()) {
            checkProfiles(service, problems);
            checkMounts(service, problems);
            service.dependsOn().stream().filter(target -> !compose.services().containsKey(target))
                    .forEach(target -> problems.add(service.name() + ": depends on unknown service " + target));
        }
        PROFILES.stream().filter(profile -> !deploymentDoc.contains("--profile " + profile))
                .forEach(profile -> problems.add("profile " + profile + " is not documented in docs/deployment.md"));
        checkScaling(compose, problems);
        checkKafka(compose, clusterEnv, problems);
        return problems;
    }

    private static void checkProfiles(ComposeFile.Service service, List<String> problems) {
        service.profiles().stream().filter(profile -> !PROFILES.contains(profile))
                .forEach(profile -> problems.add(service.name() + ": unknown profile " + profile));
        String expected = PLACEMENT.get(service.name());
        List<String> wanted = expected == null || expected.isEmpty() ? List.of() : List.of(expected);
        if (expected != null && !service.profiles().equals(wanted)) {
            problems.add(service.name() + ": profiles " + service.profiles() + ", expected " + wanted);
        }
    }

    private void checkMounts(ComposeFile.Service service, List<String> problems) {
        for (String volume : service.volumes()) {
            if (volume.startsWith("./")) {
                String source = volume.substring(2, volume.indexOf(':'));
                if (!Files.exists(facts.root().resolve(source))) {
                    problems.add(service.name() + ": mounts ./" + source + ", which does not exist");
                }
            }
        }
    }

    private static void checkScaling(ComposeFile compose, List<String> problems) {
        ComposeFile.Service forwarder = compose.services().get("forwarder");
        if (forwarder != null && (forwarder.hasContainerName() || !forwarder.ports().isEmpty())) {
            problems.add("forwarder: a container_name or host port stops 'docker compose up --scale forwarder=N'");
        }
        ComposeFile.Service subscription = compose.services().get("subscription");
        if (subscription != null && !Integer.valueOf(2).equals(subscription.replicas())) {
            problems.add("subscription: deploy.replicas is " + subscription.replicas() + ", expected 2 (owner and standby)");
        }
        if (subscription != null && !subscription.ports().isEmpty()) {
            problems.add("subscription: a host port stops its second replica");
        }
    }

    private void checkKafka(ComposeFile compose, Map<String, String> clusterEnv, List<String> problems) {
        List<ComposeFile.Service> nodes = compose.services().values().stream()
                .filter(service -> service.image().startsWith("apache/kafka")).toList();
        for (ComposeFile.Service node : nodes) {
            if (!node.image().equals("apache/kafka:" + facts.kafkaVersion())) {
                problems.add(node.name() + ": image " + node.image() + ", but the build uses Kafka " + facts.kafkaVersion());
            }
            String clusterId = node.environment().getOrDefault("CLUSTER_ID", "");
            if (!validClusterId(clusterId)) {
                problems.add(node.name() + ": CLUSTER_ID '" + clusterId + "' is not a base64url 16-byte id");
            }
        }
        String voters = clusterEnv.getOrDefault("KAFKA_VOTERS", "");
        for (ComposeFile.Service node : nodes) {
            String id = node.environment().get("KAFKA_NODE_ID");
            if (!voters.contains(id + "@" + node.name() + ":9093")) {
                problems.add("deploy/kafka-cluster.env: KAFKA_VOTERS lacks " + id + "@" + node.name() + ":9093");
            }
        }
        if (!"3".equals(clusterEnv.get("REPLICAS")) || !"2".equals(clusterEnv.get("MIN_ISR"))) {
            problems.add("deploy/kafka-cluster.env: expected REPLICAS=3 and MIN_ISR=2");
        }
    }

    private static boolean validClusterId(String id) {
        try {
            return id.length() == 22 && Base64.getUrlDecoder().decode(id).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
