package rxpush.subscription.engine;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import rxpush.common.config.GraphSettings;
import rxpush.common.contract.MailboxRegistration;
import rxpush.common.contract.Protocol;
import rxpush.common.exchange.GraphHttp;
import rxpush.common.exchange.GraphTokenProvider;
import rxpush.common.kafka.ContractJson;
import rxpush.common.kafka.Partitions;
import rxpush.subscription.SubscriptionSettings;
import rxpush.subscription.graph.GraphHttpClient;
import rxpush.subscription.kafka.KafkaClients;
import rxpush.subscription.kafka.OffsetTracker;
import rxpush.subscription.kafka.PartitionWriter;
import rxpush.subscription.kafka.TopicNames;
import rxpush.testsupport.KafkaBrokerExtension;
import rxpush.testsupport.KafkaTestBroker;
import tools.jackson.databind.JsonNode;

/**
 * The subscription service's benchmark (docs/benchmarks.md, "Subscription service"). Not part of
 * verify (the name matches neither *Test nor *IT); run it with subscription-service/benchmark.sh.
 *
 * <ol>
 *   <li>Subscribe N Graph mailboxes (default 100,000) in real time: the real engine on virtual threads,
 *       the real Graph client over HTTP to a loopback Graph, the real transactional writers on an
 *       in-process Kafka broker (12 partitions), at a stated request budget. Reports the time to
 *       subscribe all, the rate, and the Kafka records written.</li>
 *   <li>Heap per mailbox: used heap after a full GC with the engine holding every mailbox, minus the
 *       same before (the loopback Graph keeps nothing per subscription).</li>
 *   <li>A simulated week on the manual clock for N Graph mailboxes: renewals, and lapses (an ACTIVE
 *       subscription whose expiry passed), which must be zero.</li>
 * </ol>
 */
class SubscriptionBenchmark {

    private static final int MAILBOXES = Integer.getInteger("bench.mailboxes", 100_000);
    private static final double BUDGET = Double.parseDouble(System.getProperty("bench.graphPerSecond", "500"));
    private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 32);
    private static final int PARTITIONS = 12;

    @Test
    void benchmark() throws Exception {
        StringBuilder report = new StringBuilder();
        subscribeAll(report);
        simulatedWeek(report);
        System.out.println("\n==== subscription-service benchmark ====\n" + report);
    }

    // ---- 1 + 2: subscribe everything for real -------------------------------------------------

    private void subscribeAll(StringBuilder report) throws Exception {
        KafkaTestBroker broker = KafkaBrokerExtension.shared();
        TopicNames topics = new TopicNames(KafkaTestBroker.unique("bench") + ".");
        broker.createTopics(PARTITIONS, topics.subscriptions(), topics.notifications(), topics.signals(), topics.lifecycle());
        AtomicLong creates = new AtomicLong();
        HttpServer graph = loopbackGraph(creates);
        URI base = URI.create("http://127.0.0.1:" + graph.getAddress().getPort());
        GraphSettings graphSettings = new GraphSettings(base.resolve("/v1.0"), base.resolve("/token"), "t", "app", "s");
        HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        Clock clock = Clock.systemUTC();
        URI notify = URI.create("https://push.contoso.test/rx/graph/notifications");
        GraphHttpClient client = new GraphHttpClient(new GraphHttp(graphSettings, http,
                new GraphTokenProvider(graphSettings, http, clock, Duration.ofSeconds(30)), clock, Duration.ofSeconds(30)),
                notify, URI.create("https://push.contoso.test/rx/graph/lifecycle"));

        Map<String, Object> base2 = Map.of("bootstrap.servers", broker.bootstrapServers());
        SubscriptionSettings d = SubscriptionSettings.defaults();
        KafkaClients clients = new KafkaClients(base2, base2, base2, new SubscriptionSettings(d.processInterval(),
                KafkaTestBroker.unique("bench"), d.sessionTimeout(), d.heartbeatInterval(), d.graphLifetime(),
                d.graphRenewFraction(), CONCURRENCY, 20, BUDGET, Duration.ofSeconds(30), d.obsoleteRetention(),
                d.statePersistInterval(), d.orphanSweepInterval(), Duration.ofSeconds(10), "", d.reconcileInterval(),
                d.reconcileMaxPerPass()), "bench");
        OffsetTracker offsets = new OffsetTracker(topics);

        gc();
        long heapBefore = usedHeap();
        try (ExecutorScheduler scheduler = new ExecutorScheduler(clock)) {
            SubscriptionEngine engine = new SubscriptionEngine(settings(notify, BUDGET, CONCURRENCY), scheduler,
                    Executors.newVirtualThreadPerTaskExecutor(), null, client);
            Map<Integer, List<MailboxRegistration>> byPartition = registrations(clock.instant());
            List<PartitionWriter> writers = new ArrayList<>();
            Instant started = Instant.now();
            for (int p = 0; p < PARTITIONS; p++) {
                final int partition = p;
                PartitionWriter writer = new PartitionWriter(p, () -> clients.transactionalProducer(partition), topics,
                        offsets, clients.signalsGroupId(), Duration.ofSeconds(30));
                writer.open();
                writers.add(writer);
                engine.adopt(p, 1, writer, byPartition.getOrDefault(p, List.of()), List.of());
            }
            engine.start();
            org.awaitility.Awaitility.await().atMost(Duration.ofHours(3)).pollInterval(Duration.ofSeconds(5)).until(() -> {
                EngineStatus s = engine.summary();
                System.out.printf("  %d/%d subscribed (%.0f/s)%n", s.subscribeDone(), s.subscribeTotal(), s.subscribePerSecond());
                return s.subscribeDone() >= MAILBOXES;
            });
            Duration took = Duration.between(started, Instant.now());
            gc();
            long heapAfter = usedHeap();
            long active = engine.summary().byState().getOrDefault("ACTIVE", 0L);
            report.append(String.format("subscribe all: %,d Graph mailboxes in %d s (%.0f/s) at a budget of %.0f requests/s, "
                    + "%d in flight at most; %,d ACTIVE; %,d POST /subscriptions; %,d registry records (PENDING + ACTIVE) "
                    + "in group-committed transactions on %d partitions%n", MAILBOXES, took.toSeconds(),
                    MAILBOXES / Math.max(1.0, took.toMillis() / 1000.0), BUDGET, CONCURRENCY, active, creates.get(),
                    2L * MAILBOXES, PARTITIONS));
            report.append(String.format("heap per mailbox: %,d bytes (%,d MB used after GC for %,d mailboxes, "
                    + "engine state incl. subscription records, plans and queue entries)%n",
                    (heapAfter - heapBefore) / MAILBOXES, (heapAfter - heapBefore) / (1024 * 1024), MAILBOXES));
            engine.stop();
            writers.forEach(PartitionWriter::close);
        } finally {
            graph.stop(0);
        }
    }

    private static Map<Integer, List<MailboxRegistration>> registrations(Instant now) {
        Map<Integer, List<MailboxRegistration>> out = new HashMap<>();
        for (int i = 0; i < MAILBOXES; i++) {
            String address = "room." + i + "@bench.contoso.com";
            out.computeIfAbsent(Partitions.forMailbox(address, PARTITIONS), p -> new ArrayList<>())
                    .add(MailboxRegistration.of(address, Protocol.GRAPH, true, now));
        }
        return out;
    }

    private static EngineSettings settings(URI notify, double graphPerSecond, int concurrency) {
        return new EngineSettings(token -> URI.create("https://push.contoso.test/rx/ews/notifications/" + token), notify,
                Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(10_070), Duration.ofMinutes(10_070 / 2),
                Duration.ofMinutes(5), concurrency, 20, graphPerSecond, Duration.ofDays(2), Duration.ofHours(1),
                Duration.ZERO, Duration.ofSeconds(10), a -> Partitions.forMailbox(a, PARTITIONS));
    }

    /** Graph's token and POST /subscriptions, answering at once and keeping nothing per subscription. */
    private static HttpServer loopbackGraph(AtomicLong creates) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equals("/token")) {
                answer(exchange, 200, "{\"access_token\":\"bench\",\"expires_in\":3600}");
            } else if (exchange.getRequestMethod().equals("POST") && path.equals("/v1.0/subscriptions")) {
                JsonNode request = ContractJson.mapper().readTree(new String(body, StandardCharsets.UTF_8));
                answer(exchange, 201, "{\"id\":\"bench-" + creates.incrementAndGet() + "\",\"resource\":\""
                        + request.path("resource").asString() + "\",\"notificationUrl\":\""
                        + request.path("notificationUrl").asString() + "\",\"expirationDateTime\":\""
                        + request.path("expirationDateTime").asString() + "\"}");
            } else {
                answer(exchange, 404, "{}");
            }
        });
        server.start();
        return server;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    // ---- 3: a week of renewals on the manual clock ---------------------------------------------

    private void simulatedWeek(StringBuilder report) {
        EngineFixture f = new EngineFixture(EngineFixture.START, 20, BUDGET, CONCURRENCY);
        List<MailboxRegistration> boxes = new ArrayList<>(MAILBOXES);
        for (int i = 0; i < MAILBOXES; i++) {
            boxes.add(EngineFixture.graphBox("room." + i + "@bench.contoso.com"));
        }
        long wallStart = System.nanoTime();
        f.adopt(boxes.toArray(MailboxRegistration[]::new));
        long lapses = 0;
        Instant end = f.now().plus(Duration.ofDays(7));
        while (f.now().isBefore(end)) {
            f.scheduler.advance(Duration.ofMinutes(10));
            Instant now = f.now();
            lapses += f.store.registry.values().stream()
                    .filter(s -> s.expiresAt() != null && !now.isBefore(s.expiresAt())
                            && s.status() == rxpush.common.contract.SubscriptionStatus.ACTIVE)
                    .count();
        }
        long wallMillis = (System.nanoTime() - wallStart) / 1_000_000;
        report.append(String.format("simulated week: %,d Graph mailboxes, %,d creates, %,d renewals (PATCH at half of the "
                + "%d-minute lifetime), %d lapsed (checked every 10 simulated minutes); %d s of wall time%n",
                MAILBOXES, f.graph.count("create"), f.graph.count("renew"), 10_070, lapses, wallMillis / 1000));
        if (lapses != 0) {
            throw new AssertionError(lapses + " lapses");
        }
    }

    private static void gc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
