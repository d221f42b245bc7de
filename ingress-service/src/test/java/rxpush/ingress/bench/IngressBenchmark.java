package rxpush.ingress.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.awaitility.Awaitility;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.ChangeType;
import rxpush.common.contract.Protocol;
import rxpush.common.contract.SchemaVersions;
import rxpush.common.contract.SecretHash;
import rxpush.common.contract.Source;
import rxpush.common.contract.SubscriptionHealth;
import rxpush.common.contract.SubscriptionState;
import rxpush.common.contract.SubscriptionStatus;
import rxpush.common.kafka.ContractJson;
import rxpush.common.kafka.TopicDeclarations;
import rxpush.common.kafka.TopicSettings;
import rxpush.ingress.IngressApplication;
import rxpush.ingress.registry.SubscriptionRegistry;
import rxpush.ingress.testing.EwsPush;
import rxpush.testsupport.KafkaProcessBroker;
import rxpush.ingress.testing.TestSubscriptions;

/**
 * The ingress benchmark (run it with {@code ingress-service/bench/run.sh}; docs/benchmarks.md,
 * "Ingress"). On one broker in its own JVM: Kafka's ProducerPerformance (raw producer, same record
 * size, acks=all), then the EWS and the Graph endpoints at a fixed offered rate and at saturation.
 *
 * <p>Options: {@code --seconds 20 --rate 2000 --clients 256 --mailboxes 256 --raw-records 300000}.
 */
public final class IngressBenchmark {

    private static final String RAW_TOPIC = "bench-raw";

    private IngressBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Duration phase = Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "20")));
        int rate = Integer.parseInt(options.getOrDefault("rate", "2000"));
        int clients = Integer.parseInt(options.getOrDefault("clients", "256"));
        int mailboxes = Integer.parseInt(options.getOrDefault("mailboxes", "256"));
        long rawRecords = Long.parseLong(options.getOrDefault("raw-records", "300000"));
        Path dir = Files.createTempDirectory("rxpush-ingress-bench");
        Report report = new Report(phase, rate, clients, mailboxes);
        report.loadAtStart = loadAverage();

        try (KafkaProcessBroker broker = KafkaProcessBroker.format(dir.resolve("kafka"), "1g")) {
            log("starting Kafka in " + dir);
            broker.start();
            declareTopics(broker.bootstrapServers());
            int recordSize = typicalRecordSize();
            report.recordSize = recordSize;

            log("raw producer: warm-up");
            ProducerPerf.run("warm-up", broker.bootstrapServers(), RAW_TOPIC, rawRecords / 2, recordSize, -1);
            log("raw producer: saturation");
            report.raw.add(ProducerPerf.run("raw, saturation", broker.bootstrapServers(), RAW_TOPIC, rawRecords, recordSize, -1));
            log("raw producer: " + rate + " records/s");
            report.raw.add(ProducerPerf.run("raw, " + rate + "/s", broker.bootstrapServers(), RAW_TOPIC,
                    (long) rate * phase.toSeconds(), recordSize, rate));

            try (ConfigurableApplicationContext ingress = IngressApplication.builder().run(
                    "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(), "--server.port=0",
                    "--management.server.port=0", "--logging.level.root=WARN", "--spring.main.banner-mode=off")) {
                int port = ((WebServerApplicationContext) ingress).getWebServer().getPort();
                SubscriptionRegistry registry = ingress.getBean(SubscriptionRegistry.class);
                Endpoints endpoints = register(broker.bootstrapServers(), registry, port, mailboxes);
                LoadDriver driver = new LoadDriver();
                for (String name : List.of("EWS", "Graph")) {
                    LoadDriver.Requests requests = name.equals("EWS") ? endpoints.ews() : endpoints.graph();
                    log(name + ": warm-up");
                    driver.saturate("warm-up", requests, clients, Duration.ofSeconds(10));
                    log(name + ": " + rate + "/s");
                    report.ingress.add(driver.fixedRate(name + ", " + rate + "/s", requests, rate, phase));
                    log(name + ": saturation");
                    report.ingress.add(driver.saturate(name + ", saturation (" + clients + " clients)", requests, clients, phase));
                }
            }
        }
        report.loadAtEnd = loadAverage();
        String markdown = report.markdown();
        Path out = Path.of("ingress-service", "target", "bench", "ingress-results.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, markdown);
        System.out.println(markdown);
        log("written to " + out.toAbsolutePath());
    }

    /** The size of a realistic ChangeNotification: ids as long as the Exchange Online capture's. */
    static int typicalRecordSize() throws Exception {
        String itemId = "AQMkAGYzNDgzOTU5LTM2ZTAtNGExMC04YjQyLTlkMzUxM2MzZjBkOQBGAAADdiwJfgoT4UeFDoYZ5kbJFQcAbsZeBEfd1Eyd3oyV64JNiAAAAgENAAAAbsZeBEfd1Eyd3oyV64JNiAACUQqtogAAAA==";
        ChangeNotification typical = new ChangeNotification(SchemaVersions.CURRENT, "ews-" + SecretHash.newSecret(), Source.EWS,
                "meeting-room-042@contoso.com", "LABkYjhwcjAxbWI2NDg1LmV1cnByZDAxLnByb2QuZXhjaGFuZ2VsYWJzLmNvbRAAAADELVfykPBZQp7Q8IIUrUfmCKn7JnqX2AgQAAAAWTlI8+A2EEqLQp01E8Pw2Q==",
                ChangeType.UPDATED, itemId, null, "DwAAAA==", "AQAAAExY/dNdjDVKjtBVHKR5IOsoIukhAAAAAAE=",
                "AQAAAExY/dNdjDVKjtBVHKR5IOurFukhAAAAAAE=", Instant.now(), Instant.now(), null);
        return ContractJson.mapper().writeValueAsBytes(typical).length;
    }

    private static void declareTopics(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<NewTopic> topics = new ArrayList<>(TopicDeclarations.topics(TopicSettings.defaults()));
            topics.add(new NewTopic(RAW_TOPIC, TopicSettings.defaults().partitions(), (short) 1));
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        }
    }

    /** Request generators for both endpoints over {@code mailboxes} EWS and Graph subscriptions. */
    record Endpoints(LoadDriver.Requests ews, LoadDriver.Requests graph) {
    }

    private static Endpoints register(String bootstrap, SubscriptionRegistry registry, int port, int mailboxes) {
        BlockingQueue<EwsSlot> ewsSlots = new ArrayBlockingQueue<>(mailboxes);
        List<String> graphIds = new ArrayList<>();
        try (TestSubscriptions subscriptions = new TestSubscriptions(bootstrap, registry)) {
            for (int i = 0; i < mailboxes; i++) {
                String token = SecretHash.newSecret();
                String ewsId = "ews-bench-" + i;
                subscriptions.write(state(Protocol.EWS, "room-" + i + "@bench.example", ewsId, SecretHash.hash(token), null));
                ewsSlots.add(new EwsSlot(token, ewsId, new AtomicInteger()));
                String graphId = "graph-bench-" + i;
                subscriptions.write(state(Protocol.GRAPH, "graph-room-" + i + "@bench.example", graphId, null,
                        SecretHash.hash("bench-secret")));
                graphIds.add(graphId);
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> registry.forGraphSubscription(graphIds.getLast()).isPresent()
                && ewsSlots.stream().allMatch(s -> registry.forEwsToken(s.token()).isPresent()));
        String base = "http://127.0.0.1:" + port;
        LoadDriver.Requests ews = () -> {
            EwsSlot slot;
            try {
                slot = ewsSlots.take(); // one push in flight per subscription, as Exchange does
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            int n = slot.sequence().getAndIncrement();
            byte[] body = EwsPush.of(slot.subscriptionId(), "W" + n)
                    .item("ModifiedEvent", "W" + (n + 1), "item-" + (n % 64), "ck-" + n).bytes();
            return new LoadDriver.Request(LoadDriver.post(URI.create(base + "/ews/notifications/" + slot.token()),
                    "text/xml; charset=utf-8", body), 200, () -> ewsSlots.add(slot));
        };
        LoadDriver.Requests graph = () -> {
            String id = graphIds.get(ThreadLocalRandom.current().nextInt(graphIds.size()));
            String item = "AAMkAGViYzY5NTVhLTcxNzUtNDE3YS05N2FhLTNhODU5OWE2MWVlZABGAAAAAABYnoNt8-_-QbEnnjxv3TP-BwAJk-"
                    + ThreadLocalRandom.current().nextInt(1_000_000);
            String body = "{\"value\":[{\"subscriptionId\":\"" + id + "\",\"subscriptionExpirationDateTime\":\"2030-01-01T00:00:00Z\","
                    + "\"changeType\":\"updated\",\"clientState\":\"bench-secret\",\"resource\":\"Users/u/Events/" + item + "\","
                    + "\"resourceData\":{\"@odata.type\":\"#Microsoft.Graph.Event\",\"id\":\"" + item + "\","
                    + "\"@odata.etag\":\"W/\\\"DwAAABYAAAAJk" + System.nanoTime() + "\\\"\"}}]}";
            return new LoadDriver.Request(LoadDriver.post(URI.create(base + "/graph/notifications"), "application/json",
                    body.getBytes(StandardCharsets.UTF_8)), 202, () -> { });
        };
        return new Endpoints(ews, graph);
    }

    private record EwsSlot(String token, String subscriptionId, AtomicInteger sequence) {
    }

    private static SubscriptionState state(Protocol protocol, String mailbox, String subscriptionId, String tokenHash,
            String clientStateHash) {
        return new SubscriptionState(SchemaVersions.CURRENT, "bench-" + subscriptionId, mailbox, protocol, subscriptionId,
                SubscriptionStatus.ACTIVE, Instant.now(), null, null, null, 1, tokenHash, clientStateHash,
                SubscriptionHealth.HEALTHY, null, null, null, Instant.now());
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }

    static void log(String message) {
        System.err.printf(Locale.ROOT, "[bench %tT load %.1f] %s%n", System.currentTimeMillis(), loadAverage(), message);
    }

    /** The machine's 1-minute load average: other work on it skews every number here. */
    static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
