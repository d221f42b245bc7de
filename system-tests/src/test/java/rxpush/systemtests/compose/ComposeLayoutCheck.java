package rxpush.systemtests.compose;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shape the issue asks of docker-compose.yml and its cluster overlay: one Kafka node by
 * default and three with deploy/kafka-cluster.yml (voters, replication 3, min ISR 2, every client
 * on all three), Kafka published on loopback only, ingress behind lb, two subscription replicas
 * with no host port, a forwarder that scales, the CLI and the simulators in their profiles,
 * Prometheus and Grafana in observability; every profile documented in docs/deployment.md and
 * every mounted file present. Whether the stack then runs is deploy/compose-e2e.sh's job.
 */
final class ComposeLayoutCheck {

    static final Set<String> PROFILES = Set.of("demo", "observability", "cli");

    /** Where each service of docker-compose.yml belongs: its one profile, or "" for the default stack. */
    static final Map<String, String> PLACEMENT = Map.ofEntries(
            Map.entry("kafka", ""), Map.entry("lb", ""), Map.entry("ingress", ""),
            Map.entry("subscription", ""), Map.entry("forwarder", ""), Map.entry("cli", "cli"),
            Map.entry("exchange-simulator", "demo"), Map.entry("rx-simulator", "demo"),
            Map.entry("prometheus", "observability"), Map.entry("grafana", "observability"));

    /** The Kafka clients the overlay must point at all three nodes. */
    static final List<String> CLIENTS = List.of("ingress", "subscription", "forwarder", "cli");

    private final ProjectFacts facts;

    ComposeLayoutCheck(ProjectFacts facts) {
        this.facts = facts;
    }

    List<String> check(ComposeFile compose, ComposeFile cluster, String deploymentDoc) throws Exception {
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
        checkKafka(compose, cluster, problems);
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
            String source = Interpolation.defaults(volume);
            if (source.startsWith("./")) {
                source = source.substring(2, source.indexOf(':'));
                if (!Files.exists(facts.root().resolve(source))) {
                    problems.add(service.name() + ": mounts ./" + source + ", which does not exist");
                }
            }
        }
    }

    private static void checkScaling(ComposeFile compose, List<String> problems) {
        for (String name : List.of("forwarder", "ingress")) {
            ComposeFile.Service service = compose.services().get(name);
            if (service != null && (service.hasContainerName() || !service.ports().isEmpty())) {
                problems.add(name + ": a container_name or host port stops 'docker compose up --scale " + name + "=N'");
            }
        }
        ComposeFile.Service subscription = compose.services().get("subscription");
        if (subscription != null && !Integer.valueOf(2).equals(subscription.replicas())) {
            problems.add("subscription: replicas is " + subscription.replicas() + ", expected 2 (owner and standby)");
        }
        if (subscription != null && !subscription.ports().isEmpty()) {
            problems.add("subscription: a host port publishes the admin API and stops its second replica");
        }
    }

    private void checkKafka(ComposeFile compose, ComposeFile cluster, List<String> problems) {
        List<ComposeFile.Service> nodes = new ArrayList<>();
        nodes.addAll(compose.services().values().stream().filter(service -> service.image().startsWith("apache/kafka")).toList());
        nodes.addAll(cluster.services().values().stream().filter(service -> service.image().startsWith("apache/kafka")).toList());
        for (ComposeFile.Service node : nodes) {
            if (!node.image().equals("apache/kafka:" + facts.kafkaVersion())) {
                problems.add(node.name() + ": image " + node.image() + ", but the build uses Kafka " + facts.kafkaVersion());
            }
            String clusterId = node.environment().getOrDefault("CLUSTER_ID", "");
            if (!validClusterId(clusterId)) {
                problems.add(node.name() + ": CLUSTER_ID '" + clusterId + "' is not a base64url 16-byte id");
            }
            node.ports().stream().filter(port -> !port.startsWith("127.0.0.1:"))
                    .forEach(port -> problems.add(node.name() + ": publishes " + port + " beyond loopback"));
        }
        List<String> names = List.of("kafka", "kafka-2", "kafka-3");
        names.stream().filter(name -> !cluster.services().containsKey(name))
                .forEach(name -> problems.add("deploy/kafka-cluster.yml: no service " + name));
        for (String name : names) {
            ComposeFile.Service node = cluster.services().get(name);
            if (node == null) {
                continue;
            }
            String voters = node.environment().getOrDefault("KAFKA_CONTROLLER_QUORUM_VOTERS", "");
            for (String other : names) {
                ComposeFile.Service voter = cluster.services().get(other);
                String id = voter == null ? "?" : voter.environment().get("KAFKA_NODE_ID");
                if (!voters.contains(id + "@" + other + ":9093")) {
                    problems.add("deploy/kafka-cluster.yml: " + name + "'s voters lack " + id + "@" + other + ":9093");
                }
            }
        }
        for (String client : CLIENTS) {
            ComposeFile.Service service = cluster.services().get(client);
            Map<String, String> env = service == null ? Map.of() : service.environment();
            if (!"3".equals(env.get("RXPUSH_TOPICS_REPLICATION_FACTOR")) || !"2".equals(env.get("RXPUSH_TOPICS_MIN_INSYNC_REPLICAS"))
                    || !"kafka:9092,kafka-2:9092,kafka-3:9092".equals(env.get("SPRING_KAFKA_BOOTSTRAP_SERVERS"))) {
                problems.add("deploy/kafka-cluster.yml: " + client + " needs the three nodes, replication 3 and min ISR 2");
            }
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
