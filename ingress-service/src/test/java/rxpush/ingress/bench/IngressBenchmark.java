package rxpush.ingress.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import rxpush.bench.BareEndpoint;
import rxpush.ingress.IngressApplication;
import rxpush.ingress.registry.SubscriptionRegistry;
import rxpush.ingress.testing.EwsPush;
import rxpush.testsupport.KafkaProcessBroker;
import rxpush.ingress.testing.TestSubscriptions;

/**
 * The ingress benchmark (run it with {@code ingress-service/bench/run.sh}; docs/benchmarks.md,
 * "Ingress"). On one broker in its own JVM: Kafka's ProducerPerformance (raw producer, same record
 * size, acks=all); then, in one ingress application, the EWS endpoint at a fixed offered rate and at
 * saturation, a bare endpoint on the same stack ({@link BareEndpoint}) with the same pushes at
 * saturation, the Graph endpoint with 1, 10 and 100 items per POST at the same item rate and at
 * saturation, and the bare endpoint with the same Graph POSTs. Ingress / bare is the share of its own
 * HTTP stack's ceiling that ingress reaches.
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
        log("per-request parse cost (one thread, per-thread counters)");
        report.parseCost = ParseCost.markdown(20_000);

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

            // The bare endpoint (rxpush.bench.BareEndpoint) runs in the same application: same Tomcat,
            // same virtual threads, same filters; it reads the body and answers 202.
            try (ConfigurableApplicationContext ingress = IngressApplication.builder().sources(BareEndpoint.class).run(
                    "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(), "--server.port=0",
                    "--management.server.port=0", "--logging.level.root=WARN", "--spring.main.banner-mode=off")) {
                int port = ((WebServerApplicationContext) ingress).getWebServer().getPort();
                SubscriptionRegistry registry = ingress.getBean(SubscriptionRegistry.class);
                Targets targets = register(broker.bootstrapServers(), registry, port, mailboxes);
                LoadDriver driver = new LoadDriver();
                Duration warmUp = Duration.ofSeconds(10);

                log("EWS: warm-up");
                driver.saturate("warm-up", targets.ews(EWS_PATH), clients, warmUp);
                log("EWS: " + rate + "/s");
                report.add(driver.fixedRate("EWS, " + rate + "/s", targets.ews(EWS_PATH), rate, phase), 1, 2);
                log("EWS: saturation");
                report.add(driver.saturate("EWS, saturation", targets.ews(EWS_PATH), clients, phase), 1, 2);
                log("bare endpoint, EWS pushes: saturation");
                driver.saturate("warm-up", targets.ews(BARE_PATH + "ews/"), clients, warmUp.dividedBy(2));
                report.add(driver.saturate("bare, EWS pushes, saturation", targets.ews(BARE_PATH + "ews/"), clients, phase), 1, 0);

                for (int batch : List.of(1, 10, 100)) {
                    String graph = "Graph " + batch + (batch == 1 ? " item" : " items") + " per POST";
                    if (batch == 1) {
                        log("Graph: warm-up");
                        driver.saturate("warm-up", targets.graph(GRAPH_PATH, 1), clients, warmUp);
                    }
                    int posts = Math.max(1, rate / batch);
                    log(graph + ": " + posts + " POST/s");
                    report.add(driver.fixedRate(graph + ", " + rate + " items/s", targets.graph(GRAPH_PATH, batch), posts, phase),
                            batch, batch);
                    log(graph + ": saturation");
                    report.add(driver.saturate(graph + ", saturation", targets.graph(GRAPH_PATH, batch), clients, phase),
                            batch, batch);
                    if (batch == 1) {
                        log("bare endpoint, Graph POSTs: saturation");
                        driver.saturate("warm-up", targets.graph(BARE_PATH + "graph", 1), clients, warmUp.dividedBy(2));
                        report.add(driver.saturate("bare, Graph 1 item per POST, saturation", targets.graph(BARE_PATH + "graph", 1),
                                clients, phase), 1, 0);
                    }
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

    static final String EWS_PATH = "/ews/notifications/";
    static final String GRAPH_PATH = "/graph/notifications";
    static final String BARE_PATH = "/bench/bare/";

    /**
     * Request generators over {@code mailboxes} EWS and Graph subscriptions, for the real endpoints or
     * (same bodies, same URLs' shape) the bare one.
     */
    record Targets(String base, BlockingQueue<EwsSlot> ewsSlots, List<String> graphIds) {

        /** One push (one ModifiedEvent) per request, at most one in flight per subscription, as Exchange does. */
        LoadDriver.Requests ews(String path) {
            return () -> {
                EwsSlot slot;
                try {
                    slot = ewsSlots.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                int n = slot.sequence().getAndIncrement();
                byte[] body = EwsPush.of(slot.subscriptionId(), "W" + n)
                        .item("ModifiedEvent", "W" + (n + 1), "item-" + (n % 64), "ck-" + n).bytes();
                return new LoadDriver.Request(LoadDriver.post(URI.create(base + path + slot.token()),
                        "text/xml; charset=utf-8", body), path.startsWith(BARE_PATH) ? 202 : 200, () -> ewsSlots.add(slot));
            };
        }

        /** One POST with {@code batch} change notifications (Graph batches them), each of a random subscription. */
        LoadDriver.Requests graph(String path, int batch) {
            return () -> {
                StringBuilder body = new StringBuilder("{\"value\":[");
                for (int i = 0; i < batch; i++) {
                    String id = graphIds.get(ThreadLocalRandom.current().nextInt(graphIds.size()));
                    String item = "AAMkAGViYzY5NTVhLTcxNzUtNDE3YS05N2FhLTNhODU5OWE2MWVlZABGAAAAAABYnoNt8-_-QbEnnjxv3TP-BwAJk-"
                            + ThreadLocalRandom.current().nextInt(1_000_000);
                    body.append(i == 0 ? "" : ",").append("{\"subscriptionId\":\"").append(id)
                            .append("\",\"subscriptionExpirationDateTime\":\"2030-01-01T00:00:00Z\",")
                            .append("\"changeType\":\"updated\",\"clientState\":\"bench-secret\",\"resource\":\"Users/u/Events/")
                            .append(item).append("\",\"resourceData\":{\"@odata.type\":\"#Microsoft.Graph.Event\",\"id\":\"")
                            .append(item).append("\",\"@odata.etag\":\"W/\\\"DwAAABYAAAAJk").append(System.nanoTime())
                            .append("\\\"\"}}");
                }
                body.append("]}");
                return new LoadDriver.Request(LoadDriver.post(URI.create(base + path), "application/json",
                        body.toString().getBytes(StandardCharsets.UTF_8)), 202, () -> { });
            };
        }
    }

    private static Targets register(String bootstrap, SubscriptionRegistry registry, int port, int mailboxes) {
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
        return new Targets("http://127.0.0.1:" + port, ewsSlots, graphIds);
    }

    record EwsSlot(String token, String subscriptionId, AtomicInteger sequence) {
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
        BenchLog.log(message);
    }

    static double loadAverage() {
        return BenchLog.loadAverage();
    }
}
