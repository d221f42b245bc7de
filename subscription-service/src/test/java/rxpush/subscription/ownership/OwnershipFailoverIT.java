package rxpush.subscription.ownership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import rxpush.common.contract.Protocol;
import rxpush.common.contract.SubscriptionState;
import rxpush.common.contract.SubscriptionStatus;
import rxpush.subscription.SubscriptionApplication;
import rxpush.subscription.engine.SubscriptionEngine;
import rxpush.subscription.kafka.TopicNames;
import rxpush.subscription.registry.MailboxRegistry;
import rxpush.subscription.testing.GraphStub;
import rxpush.subscription.testing.TopicReader;
import rxpush.testsupport.KafkaTestBroker;
import rxpush.testsupport.WithKafka;
import rxpush.testsupport.TestPorts;

/**
 * Ownership under failure, with a real second instance in another JVM (the service's own main class)
 * and the default session settings (10 s session timeout, 3 s heartbeat):
 * <ul>
 *   <li>an owner killed with SIGKILL is replaced within 15 s, and no mailbox is subscribed twice;</li>
 *   <li>an owner frozen with SIGSTOP (alive but cut off: a GC pause, a VM freeze) is replaced, and when
 *       it wakes up it is fenced: it writes nothing and calls Graph for nothing.</li>
 * </ul>
 */
@WithKafka
class OwnershipFailoverIT {

    private static final int MAILBOXES = 6;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<Process> children = new ArrayList<>();
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private GraphStub graph;

    @AfterEach
    void cleanUp() {
        for (Process child : children) {
            signal(child, "CONT");
            child.destroyForcibly();
        }
        contexts.forEach(ConfigurableApplicationContext::close);
        if (graph != null) {
            graph.close();
        }
    }

    /** One deployment: its topics, group and Graph; every instance gets the same arguments. */
    private List<String> arguments(KafkaTestBroker broker, String prefix, String group) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.config.name=subscription",
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--rxpush.notification-url=https://push.contoso.test/rx",
                "--rxpush.topics.partitions=3",
                "--rxpush.subscription.topic-prefix=" + prefix,
                "--rxpush.subscription.group-id=" + group,
                "--rxpush.graph.client-id=app", "--rxpush.graph.client-secret=s", "--rxpush.graph.tenant-id=t",
                "--rxpush.graph.base-url=" + graph.baseUrl(), "--rxpush.graph.token-url=" + graph.tokenUrl(),
                "--server.port=0"));
        for (int i = 0; i < MAILBOXES; i++) {
            args.add("--rxpush.mailboxes[" + i + "].address=room." + i + "@contoso.com");
            args.add("--rxpush.mailboxes[" + i + "].protocol=GRAPH");
        }
        return args;
    }

    private Child startChild(List<String> args, Path log) throws IOException {
        int port = TestPorts.next();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                SubscriptionApplication.class.getName()));
        command.addAll(args);
        command.add("--management.server.port=" + port);
        command.add("--logging.level.rxpush=INFO");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        children.add(process);
        return new Child(process, port, log);
    }

    private ConfigurableApplicationContext startHere(List<String> args) {
        List<String> local = new ArrayList<>(args);
        local.add("--management.server.port=0");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SubscriptionApplication.class)
                .run(local.toArray(String[]::new));
        contexts.add(context);
        return context;
    }

    private record Child(Process process, int port, Path log) {

        Set<Integer> owned() {
            try {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                Matcher m = Pattern.compile("\"ownedPartitions\":\\[([0-9,]*)]").matcher(health.body());
                Set<Integer> out = new TreeSet<>();
                if (m.find() && !m.group(1).isEmpty()) {
                    for (String p : m.group(1).split(",")) {
                        out.add(Integer.parseInt(p));
                    }
                }
                return out;
            } catch (IOException e) {
                return Set.of();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Set.of();
            }
        }

        String output() throws IOException {
            return Files.readString(log);
        }
    }


    private static void signal(Process process, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, SubscriptionState> registry(KafkaTestBroker broker, TopicNames topics) {
        return TopicReader.latest(broker, topics.subscriptions(), SubscriptionState.class);
    }

    private static final rxpush.common.kafka.ContractDeserializer<SubscriptionState> STATES =
            new rxpush.common.kafka.ContractDeserializer<>(SubscriptionState.class);

    private static Map<Integer, Long> epochsByPartition(KafkaTestBroker broker, TopicNames topics) {
        Map<Integer, Long> out = new java.util.HashMap<>();
        for (var record : TopicReader.records(broker, topics.subscriptions())) {
            if (record.value() != null) {
                out.merge(record.partition(), STATES.deserialize(record.topic(), record.value()).ownerEpoch(), Math::max);
            }
        }
        return out;
    }

    private static long active(Map<String, SubscriptionState> registry, String mailbox) {
        return registry.values().stream()
                .filter(s -> s.mailbox().equals(mailbox) && s.status() == SubscriptionStatus.ACTIVE).count();
    }

    @Test
    void anOwnerKilledWithSigkillIsReplacedWithinFifteenSeconds(KafkaTestBroker broker) throws Exception {
        graph = new GraphStub();
        String prefix = KafkaTestBroker.unique("kill") + ".";
        TopicNames topics = new TopicNames(prefix);
        List<String> args = arguments(broker, prefix, KafkaTestBroker.unique("rxpush-subscription"));
        Child child = startChild(args, Files.createTempFile("owner-kill", ".log"));
        await().atMost(Duration.ofSeconds(90)).until(() -> child.owned().equals(Set.of(0, 1, 2)));

        ConfigurableApplicationContext here = startHere(args);
        SubscriptionEngine engine = here.getBean(SubscriptionEngine.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> !engine.ownedPartitions().isEmpty() && !child.owned().isEmpty());
        assertThat(new TreeSet<>(engine.ownedPartitions())).doesNotContainAnyElementsOf(child.owned());
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Map<String, SubscriptionState> r = registry(broker, topics);
            for (int i = 0; i < MAILBOXES; i++) {
                if (active(r, "room." + i + "@contoso.com") != 1) {
                    return false;
                }
            }
            return true;
        });

        Instant killed = Instant.now();
        child.process().destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> engine.ownedPartitions().equals(Set.of(0, 1, 2)));
        Duration replacedIn = Duration.between(killed, Instant.now());
        System.out.println("Owner killed with SIGKILL was replaced in " + replacedIn.toMillis() + " ms");
        assertThat(replacedIn).isLessThan(Duration.ofSeconds(15));

        // Nothing was subscribed twice, and the survivor keeps working: a new mailbox is subscribed.
        for (int i = 0; i < MAILBOXES; i++) {
            assertThat(graph.of("room." + i + "@contoso.com")).hasSize(1);
        }
        here.getBean(MailboxRegistry.class).put("room.new@contoso.com", Protocol.GRAPH, true);
        await().atMost(Duration.ofSeconds(30)).until(() -> active(registry(broker, topics), "room.new@contoso.com") == 1);
    }

    @Test
    void aFrozenOwnerIsReplacedAndFencedWhenItWakesUp(KafkaTestBroker broker) throws Exception {
        graph = new GraphStub();
        String prefix = KafkaTestBroker.unique("freeze") + ".";
        TopicNames topics = new TopicNames(prefix);
        List<String> args = arguments(broker, prefix, KafkaTestBroker.unique("rxpush-subscription"));
        Child child = startChild(args, Files.createTempFile("owner-freeze", ".log"));
        await().atMost(Duration.ofSeconds(90)).until(() -> child.owned().equals(Set.of(0, 1, 2)));
        await().atMost(Duration.ofSeconds(60)).until(() -> registry(broker, topics).size() == MAILBOXES);
        // Owner epochs are per partition (one transactional id each): the zombie's, partition by partition.
        Map<Integer, Long> zombieEpochs = epochsByPartition(broker, topics);
        assertThat(zombieEpochs).containsOnlyKeys(0, 1, 2);

        signal(child.process(), "STOP");
        Instant frozen = Instant.now();
        ConfigurableApplicationContext here = startHere(args);
        SubscriptionEngine engine = here.getBean(SubscriptionEngine.class);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> engine.ownedPartitions().equals(Set.of(0, 1, 2)));
        Instant takenOver = Instant.now();
        System.out.println("Frozen owner was replaced in " + Duration.between(frozen, takenOver).toMillis() + " ms");

        // Work the zombie will see as soon as it wakes: new mailboxes in partitions it believes it owns.
        MailboxRegistry registry = here.getBean(MailboxRegistry.class);
        for (int i = 0; i < 6; i++) {
            registry.put("late." + i + "@contoso.com", Protocol.GRAPH, true);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Map<String, SubscriptionState> r = registry(broker, topics);
            return java.util.stream.IntStream.range(0, 6).allMatch(i -> active(r, "late." + i + "@contoso.com") == 1);
        });

        signal(child.process(), "CONT");
        await().atMost(Duration.ofSeconds(30)).until(() -> child.output().contains("was fenced")
                || child.output().contains("Lost partitions"));
        // Let the woken zombie run its pending work; the fence must have stopped all of it.
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);

        // Every record ever committed with a zombie epoch was written before it froze.
        for (var record : TopicReader.records(broker, topics.subscriptions())) {
            if (record.value() != null) {
                SubscriptionState s = STATES.deserialize(record.topic(), record.value());
                if (s.ownerEpoch() <= zombieEpochs.get(record.partition())) {
                    assertThat(s.updatedAt()).isBefore(frozen);
                } else {
                    assertThat(s.ownerEpoch()).isGreaterThan(zombieEpochs.get(record.partition()));
                }
            }
        }
        Map<String, SubscriptionState> after = registry(broker, topics);
        for (int i = 0; i < 6; i++) {
            assertThat(graph.of("late." + i + "@contoso.com")).as("late.%d subscribed once", i).hasSize(1);
            assertThat(active(after, "late." + i + "@contoso.com")).isEqualTo(1);
        }
        System.out.println("Woken zombie: " + (child.output().contains("was fenced") ? "its writes were fenced" : "")
                + (child.output().contains("Lost partitions") ? " it learned it lost its partitions" : ""));
    }
}
