import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The all-in-one jar benchmark (run it with {@code standalone/bench/run.sh}; docs/benchmarks.md,
 * "All-in-one jar"). Started as a user starts it ({@code java -Xmx1g -jar standalone/target/rxpush.jar},
 * embedded broker, all three services, EWS and Graph rooms) against the Exchange and ResourceXpress
 * simulators in their own JVMs; then Graph notifications for one registered subscription are posted
 * by {@code hey} (Debian package {@code hey}) at fixed offered rates, as the issue that asked for it
 * did: {@code hey -z 30s -c 50 -q 40 -m POST -T application/json}. Everything listens on 127.0.0.1.
 *
 * <p>A single-file program (JDK 21+ runs it from source): it needs only the JDK, the built jars and
 * {@code hey}. Options: {@code --seconds 30 --rates 2000,3000,4000,5000,6000 --clients 50
 * --batches 1,10,100 --jar standalone/target/rxpush.jar --start-timeout 300} (another jar: to compare two
 * builds in turn; the start timeout bounds the wait for the simulators and for every mailbox to be subscribed; then a
 * thread dump of the jar is taken and the run fails). Extra JVM options for the jar (a profiler) go in the environment variable
 * {@code JAR_JAVA_OPTS}.
 */
public final class JarBench {

    static final Path ROOT = Path.of("").toAbsolutePath();
    static final String API_KEY = "rx-bench-key";
    static final String TENANT = "8a4f1c2e-5b7d-4e3a-9c1f-2d6e8b0a7f35";
    static final List<String> EWS_ROOMS = List.of("room-ews-1@bench.example", "room-ews-2@bench.example");
    static final List<String> GRAPH_ROOMS = List.of("room-graph-1@bench.example", "room-graph-2@bench.example");
    /** p99 at or above this is "crossed" (the latency target). */
    static final double P99_TARGET_MS = 50;

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final List<Process> PROCESSES = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
        int clients = Integer.parseInt(options.getOrDefault("clients", "50"));
        List<Integer> rates = ints(options.getOrDefault("rates", "2000,3000,4000,5000,6000"));
        List<Integer> batches = ints(options.getOrDefault("batches", "1,10,100"));
        Path dir = Files.createTempDirectory("rxpush-jar-bench");
        Runtime.getRuntime().addShutdownHook(new Thread(JarBench::stopAll));
        StringBuilder report = new StringBuilder();
        double loadAtStart = loadAverage();
        try {
            int exchangePort = freePort();
            int rxPort = freePort();
            int notificationPort = freePort();
            int adminPort = freePort();
            int kafkaPort = freePort();
            int controllerPort = freePort();
            String exchange = "http://127.0.0.1:" + exchangePort;
            String rx = "http://127.0.0.1:" + rxPort;

            log("starting the simulators (logs in " + dir + ")");
            start(dir, "rx", List.of("-Xmx256m", "-jar", jar("simulators/resourcexpress-simulator/target", "-exec.jar"),
                    "--server.address=127.0.0.1", "--server.port=" + rxPort, "--rxpush.rx-simulator.api-key=" + API_KEY));
            List<String> rooms = new ArrayList<>(EWS_ROOMS);
            rooms.addAll(GRAPH_ROOMS);
            start(dir, "exchange", List.of("-Xmx384m", "-jar", jar("simulators/exchange-simulator/target", "-exec.jar"),
                    "--server.address=127.0.0.1", "--server.port=" + exchangePort,
                    "--rxpush.exchange-simulator.mailboxes.addresses=" + String.join(",", rooms)));
            Duration startTimeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("start-timeout", "300")));
            awaitHttp(rx + "/sim/bookings", startTimeout);
            awaitHttp(exchange + "/sim/mailboxes", startTimeout);

            List<String> jarCommand = new ArrayList<>();
            jarCommand.add("-Xmx1g");
            String extra = System.getenv("JAR_JAVA_OPTS");
            if (extra != null && !extra.isBlank()) {
                jarCommand.addAll(List.of(extra.trim().split("\\s+")));
            }
            jarCommand.addAll(List.of("-jar", ROOT.resolve(options.getOrDefault("jar", "standalone/target/rxpush.jar")).toString(),
                    "--server.address=127.0.0.1", "--server.port=" + notificationPort,
                    "--management.server.port=" + adminPort,
                    "--rxpush.standalone.kafka-port=" + kafkaPort, "--rxpush.standalone.kafka-controller-port=" + controllerPort,
                    "--rxpush.standalone.data-dir=" + dir.resolve("rxpush-data"), 
                    "--rxpush.tenant-url=" + rx, "--rxpush.api-key=" + API_KEY,
                    "--rxpush.notification-url=http://127.0.0.1:" + notificationPort,
                    "--rxpush.ews.url=" + exchange + "/EWS/Exchange.asmx", "--rxpush.ews.username=svc-rxpush",
                    "--rxpush.ews.password=bench", "--rxpush.ews.use-impersonation=true",
                    "--rxpush.graph.base-url=" + exchange + "/v1.0",
                    "--rxpush.graph.token-url=" + exchange + "/" + TENANT + "/oauth2/v2.0/token",
                    "--rxpush.graph.tenant-id=" + TENANT,
                    "--rxpush.graph.client-id=rxpush-sim-client", "--rxpush.graph.client-secret=rxpush-sim-secret"));
            for (int i = 0; i < rooms.size(); i++) {
                jarCommand.add("--rxpush.mailboxes[" + i + "].address=" + rooms.get(i));
                jarCommand.add("--rxpush.mailboxes[" + i + "].protocol=" + (i < EWS_ROOMS.size() ? "EWS" : "GRAPH"));
            }
            log("starting java -Xmx1g -jar standalone/target/rxpush.jar (" + rooms.size() + " rooms, EWS and Graph)");
            Instant started = Instant.now();
            Process jar = start(dir, "rxpush", jarCommand);
            // subscription-service's progress line once every configured mailbox has a subscription
            String subscribed = "Subscribed " + rooms.size() + "/" + rooms.size() + " mailboxes";
            awaitLog(dir.resolve("rxpush.log"), subscribed, startTimeout, jar);
            double startSeconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
            log("every mailbox subscribed after " + startSeconds + " s");

            GraphTarget target = graphTarget(exchange, GRAPH_ROOMS.getFirst());
            String url = "http://127.0.0.1:" + notificationPort + "/graph/notifications";
            Map<Integer, Path> bodies = new HashMap<>();
            for (int batch : batches) {
                bodies.put(batch, target.body(dir, batch));
            }
            List<Phase> phases = new ArrayList<>();
            log("warm-up: 2000/s for 15 s");
            hey("warm-up", url, bodies.get(1), 1, 2000, clients, 15, jar);
            Integer held = null;
            Integer crossed = null;
            for (int rate : rates) {
                log("Graph, 1 item per POST, offered " + rate + "/s");
                Phase phase = hey("1 item per POST, " + rate + "/s", url, bodies.get(1), 1, rate, clients, seconds, jar);
                phases.add(phase);
                if (phase.holds(rate)) {
                    held = rate;
                } else {
                    crossed = rate;
                    break;
                }
            }
            for (int batch : batches) {
                if (batch == 1) {
                    continue;
                }
                int postsPerSecond = Math.max(1, 2000 / batch);
                log("Graph, " + batch + " items per POST, offered " + postsPerSecond + " POST/s");
                phases.add(hey(batch + " items per POST, " + postsPerSecond + " POST/s", url, bodies.get(batch), batch,
                        postsPerSecond, Math.min(clients, postsPerSecond), seconds, jar));
            }
            String metrics = get("http://127.0.0.1:" + adminPort + "/actuator/forwarder/prometheus");
            String ingressMetrics = get("http://127.0.0.1:" + adminPort + "/actuator/ingress/prometheus");

            report.append(String.format(Locale.ROOT, "All-in-one jar (`java -Xmx1g -jar standalone/target/rxpush.jar`, embedded broker, "
                    + "%d EWS + %d Graph rooms) started and every mailbox subscribed in %.1f s. Load generator: "
                    + "`hey -z %ds -c %d -q <rate/%d> -m POST -T application/json`, Graph notifications for one "
                    + "subscription. Load average %.1f at start, %.1f at end; %d cores.%n%n", EWS_ROOMS.size(),
                    GRAPH_ROOMS.size(), startSeconds, seconds, clients, clients, loadAtStart, loadAverage(),
                    Runtime.getRuntime().availableProcessors()));
            report.append("| phase | offered items/s | 202 POST/s | items/s | p50 ms | p99 ms | not 202 | jar CPU ms per item |\n");
            report.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Phase p : phases) {
                report.append(String.format(Locale.ROOT, "| %s | %,d | %,.0f | %,.0f | %.1f | %.1f | %d | %.3f |%n", p.name,
                        p.offeredItems, p.accepted / p.seconds, p.accepted * p.batch / p.seconds, p.p50, p.p99,
                        p.failed, p.cpuMillis / (double) Math.max(1, p.accepted * p.batch)));
            }
            report.append(String.format(Locale.ROOT, "%nHighest offered rate held (every answer 202, p99 < %.0f ms, >= 97%% of the "
                    + "offered rate): %s; first rate that crossed: %s.%n", P99_TARGET_MS,
                    held == null ? "none" : String.format(Locale.ROOT, "%,d/s", held),
                    crossed == null ? "none up to " + rates.getLast() + "/s" : String.format(Locale.ROOT, "%,d/s", crossed)));
            report.append(String.format(Locale.ROOT, "Over the whole run ingress accepted %s Graph POSTs and wrote %s "
                    + "notification records (each acknowledged by the broker, acks=all, before its 202); the forwarder "
                    + "read Exchange %s times for them (coalescing).%n",
                    sum(ingressMetrics, "rxpush_ingress_notifications_accepted_total", "GRAPH"),
                    sum(ingressMetrics, "rxpush_ingress_records_total", "rxpush.notifications"),
                    sum(metrics, "rxpush_forwarder_fetches_total", "")));
        } finally {
            stopAll();
        }
        String markdown = report.toString();
        Path out = ROOT.resolve("standalone/target/bench/jar-results.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, markdown);
        System.out.println(markdown);
        log("written to " + out);
    }

    /** One hey run and the jar's CPU time during it. */
    static Phase hey(String name, String url, Path body, int batch, int rate, int clients, int seconds, Process jar)
            throws IOException, InterruptedException {
        double perClient = (double) rate / clients;
        long cpuBefore = cpuMillis(jar.pid());
        Process hey = new ProcessBuilder("hey", "-z", seconds + "s", "-c", Integer.toString(clients), "-q",
                String.format(Locale.ROOT, "%.3f", perClient), "-m", "POST", "-T", "application/json", "-D", body.toString(), url)
                .redirectErrorStream(true).start();
        String output = new String(hey.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (hey.waitFor() != 0) {
            throw new IllegalStateException("hey failed:\n" + output);
        }
        long cpu = cpuMillis(jar.pid()) - cpuBefore;
        long accepted = count(output, "\\[202\\]\\s+(\\d+) responses");
        long all = 0;
        for (Matcher m = Pattern.compile("\\[\\d+\\]\\s+(\\d+) responses").matcher(output); m.find(); ) {
            all += Long.parseLong(m.group(1));
        }
        long errors = count(output, "Error distribution:[\\s\\S]*?\\[(\\d+)\\]");
        Phase phase = new Phase(name, batch, rate * batch, seconds, accepted, all - accepted + errors,
                percentile(output, "50"), percentile(output, "99"), cpu);
        log(String.format(Locale.ROOT, "  %,.0f POST/s answered 202, p50 %.1f ms, p99 %.1f ms, not 202 %d, CPU %.3f ms/item",
                accepted / (double) seconds, phase.p50, phase.p99, phase.failed, cpu / (double) Math.max(1, accepted * batch)));
        return phase;
    }

    record Phase(String name, int batch, int offeredItems, double seconds, long accepted, long failed, double p50, double p99,
                 long cpuMillis) {

        boolean holds(int rate) {
            return failed == 0 && p99 < P99_TARGET_MS && accepted / seconds >= 0.97 * rate;
        }
    }

    /** hey's "99% in 0.0123 secs" line (hey prints 10% ... 99%, no 99.9%). */
    static double percentile(String output, String p) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(p) + "%+ in ([\\d.]+) secs").matcher(output);
        return m.find() ? Double.parseDouble(m.group(1)) * 1000 : Double.NaN;
    }

    static long count(String output, String regex) {
        Matcher m = Pattern.compile(regex).matcher(output);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** The Graph subscription rx-push created for {@code room}, as the simulator holds it, and real items. */
    record GraphTarget(String subscriptionId, String clientState, String objectId, List<String[]> items) {

        /** A notification body with {@code batch} items (as Graph sends them), cycling over the items. */
        Path body(Path dir, int batch) throws IOException {
            StringBuilder json = new StringBuilder("{\"value\":[");
            for (int i = 0; i < batch; i++) {
                String[] item = items.get(i % items.size());
                String path = "Users/" + objectId + "/Events/" + item[0];
                json.append(i == 0 ? "" : ",").append("{\"subscriptionId\":\"").append(subscriptionId)
                        .append("\",\"subscriptionExpirationDateTime\":\"2030-01-01T00:00:00.0000000+00:00\",")
                        .append("\"changeType\":\"updated\",\"resource\":\"").append(path).append("\",\"resourceData\":{")
                        .append("\"@odata.type\":\"#Microsoft.Graph.Event\",\"@odata.id\":\"").append(path)
                        .append("\",\"@odata.etag\":\"W/\\\"").append(item[1]).append("\\\"\",\"id\":\"").append(item[0])
                        .append("\"},\"clientState\":\"").append(clientState)
                        .append("\",\"tenantId\":\"8a4f1c2e-5b7d-4e3a-9c1f-2d6e8b0a7f35\"}");
            }
            Path file = dir.resolve("graph-" + batch + ".json");
            Files.writeString(file, json.append("]}"));
            return file;
        }
    }

    static GraphTarget graphTarget(String exchange, String room) throws Exception {
        String subscriptions = get(exchange + "/sim/subscriptions");
        Matcher s = Pattern.compile("\\{[^{}]*\"mailbox\"\\s*:\\s*\"" + Pattern.quote(room) + "\"[^{}]*\\}").matcher(
                subscriptions.substring(subscriptions.indexOf("\"graph\"")));
        if (!s.find()) {
            throw new IllegalStateException("no Graph subscription for " + room + " in " + subscriptions);
        }
        String subscription = s.group();
        String mailboxes = get(exchange + "/sim/mailboxes");
        Matcher mailbox = Pattern.compile("\\{[^{}]*\"" + Pattern.quote(room) + "\"[^{}]*\\}").matcher(mailboxes);
        if (!mailbox.find()) {
            throw new IllegalStateException("no mailbox " + room + " in " + mailboxes);
        }
        List<String[]> items = new ArrayList<>();
        Instant start = Instant.now().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        for (int i = 0; i < 10; i++) {
            String created = post(exchange + "/sim/bookings", String.format(Locale.ROOT,
                    "{\"mailbox\":\"%s\",\"subject\":\"bench %d\",\"start\":\"%s\",\"end\":\"%s\"}", room, i,
                    start.plus(Duration.ofHours(i)), start.plus(Duration.ofHours(i)).plus(Duration.ofMinutes(30))));
            // The subscription service asks for immutable ids (Prefer: IdType="ImmutableId"), so Graph names items by those.
            String itemId = subscription.contains("\"immutableIds\":true") ? field(created, "immutableId")
                    : field(created, "ewsId").replace('/', '-').replace('+', '_');
            items.add(new String[] {itemId, field(created, "changeKey")});
        }
        // The simulator's control API does not show clientState (a secret); Graph's own GET of the
        // subscription does, with the app's token, as for the subscription service.
        String token = field(postForm(exchange + "/" + TENANT + "/oauth2/v2.0/token", "grant_type=client_credentials"
                + "&client_id=rxpush-sim-client&client_secret=rxpush-sim-secret&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"),
                "access_token");
        String id = field(subscription, "id");
        String graph = send(HttpRequest.newBuilder(URI.create(exchange + "/v1.0/subscriptions/" + id))
                .header("Authorization", "Bearer " + token).GET());
        return new GraphTarget(id, field(graph, "clientState"), field(mailbox.group(), "objectId"), items);
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    /** The sum of a Prometheus counter's samples whose labels contain {@code labelText}. */
    static String sum(String prometheus, String metric, String labelText) {
        double sum = 0;
        boolean found = false;
        for (String line : prometheus.split("\n")) {
            if (line.startsWith(metric) && line.contains(labelText)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        return found ? String.format(Locale.ROOT, "%,.0f", sum) : "(no " + metric + ")";
    }

    static Process start(Path dir, String name, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(args);
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
        PROCESSES.add(process);
        return process;
    }

    static synchronized void stopAll() {
        for (Process p : PROCESSES.reversed()) {
            p.destroy();
        }
        for (Process p : PROCESSES.reversed()) {
            try {
                if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }
        PROCESSES.clear();
    }

    static void awaitHttp(String url, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            try {
                get(url);
                return;
            } catch (Exception e) {
                Thread.sleep(250); // polling another process's start-up; nothing to wait on instead
            }
        }
        throw new IllegalStateException(url + " did not answer within " + timeout);
    }

    /** Waits for {@code text} in the log; on a timeout takes a thread dump of the process first (a hang). */
    static void awaitLog(Path log, String text, Duration timeout, Process process) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the jar exited; its log: " + log);
            }
            Thread.sleep(250);
        }
        Path dump = log.resolveSibling("rxpush-threads.txt");
        new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(process.pid()),
                "Thread.print").redirectErrorStream(true).redirectOutput(dump.toFile()).start().waitFor();
        throw new IllegalStateException("'" + text + "' not logged within " + timeout + "; log " + log + ", thread dump " + dump);
    }

    static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered " + response.statusCode());
        }
        return response.body();
    }

    static String postForm(String url, String form) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    static String send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(response.request().uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static String post(String url, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** User + system CPU of a process so far (Linux /proc; clock ticks of 10 ms). */
    static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    static String jar(String dir, String suffix) throws IOException {
        try (var files = Files.list(ROOT.resolve(dir))) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).max(Comparator.naturalOrder())
                    .orElseThrow(() -> new IllegalStateException("no *" + suffix + " in " + dir + ": build first")).toString();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static List<Integer> ints(String csv) {
        return java.util.Arrays.stream(csv.split(",")).map(String::trim).map(Integer::parseInt).toList();
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }

    static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static void log(String message) {
        System.err.printf(Locale.ROOT, "[jar-bench %tT load %.1f] %s%n", System.currentTimeMillis(), loadAverage(), message);
    }
}
