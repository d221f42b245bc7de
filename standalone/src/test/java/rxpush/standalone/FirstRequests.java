package rxpush.standalone;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The requests that arrive while rx-push starts, as a deployment sees them: Graph validation
 * handshakes on the notification and lifecycle URLs, EWS pushes for a subscription this instance does
 * not know, health and Prometheus scrapes on every management port as soon as it is known. Several
 * platform threads fire them back to back from the first moment, so the first requests reach each
 * server together, the instant its port accepts.
 */
final class FirstRequests implements AutoCloseable {

    /** Pause after a refused connection: the load's pacing while a port is not open yet. */
    private static final long REFUSED_PAUSE_NANOS = Duration.ofMillis(20).toNanos();
    private static final String EWS_BODY = """
            <?xml version="1.0" encoding="utf-8"?>
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>\
            <m:SendNotification xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"/>\
            </soap:Body></soap:Envelope>""";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final int notificationPort;
    private final Set<Integer> managementPorts = new CopyOnWriteArraySet<>();
    private final ExecutorService clients;
    private final Map<String, AtomicLong> answered = new ConcurrentHashMap<>();
    private final AtomicInteger turn = new AtomicInteger();
    private volatile boolean stopped;

    /**
     * @param notificationPort ingress's public port (Graph and EWS requests)
     * @param adminPort        the launcher's admin gateway (health, every service's Prometheus)
     */
    FirstRequests(int notificationPort, int adminPort, int threads) {
        this.notificationPort = notificationPort;
        managementPorts.add(adminPort);
        clients = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name("first-requests-", 0).factory());
        for (int i = 0; i < threads; i++) {
            clients.execute(this::fire);
        }
    }

    /** A service's own management port, once the launcher has logged it: scraped from then on. */
    void scrape(int managementPort) {
        managementPorts.add(managementPort);
    }

    /** Answers by kind ("graph-validation 200", "health 200", ...), for the report and the checks. */
    Map<String, Long> answered() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        answered.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    long answered(String kind, int status) {
        AtomicLong count = answered.get(kind + " " + status);
        return count == null ? 0 : count.get();
    }

    private void fire() {
        while (!stopped) {
            int n = turn.getAndIncrement();
            List<Integer> admin = List.copyOf(managementPorts);
            int adminPort = admin.get(n % admin.size());
            // the launcher's admin port (first) routes by service; a service's own port serves its actuator
            String prometheus = adminPort == admin.get(0) ? "/actuator/ingress/prometheus" : "/actuator/prometheus";
            String token = UUID.randomUUID().toString();
            switch (n % 5) {
                case 0 -> send("graph-validation", notificationPort, "/graph/notifications?validationToken=" + token,
                        "text/plain", "");
                case 1 -> send("graph-lifecycle-validation", notificationPort, "/graph/lifecycle?validationToken=" + token,
                        "text/plain", "");
                case 2 -> send("ews-unknown-token", notificationPort, "/ews/notifications/unknown" + n,
                        "text/xml; charset=utf-8", EWS_BODY);
                case 3 -> send("health", adminPort, "/actuator/health", null, null);
                default -> send("prometheus", adminPort, prometheus, null, null);
            }
        }
    }

    private void send(String kind, int port, String pathAndQuery, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(10));
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            answered.computeIfAbsent(kind + " " + response.statusCode(), k -> new AtomicLong()).incrementAndGet();
        } catch (java.net.ConnectException notOpenYet) {
            LockSupport.parkNanos(REFUSED_PAUSE_NANOS);
        } catch (IOException e) {
            answered.computeIfAbsent(kind + " failed", k -> new AtomicLong()).incrementAndGet();
            LockSupport.parkNanos(REFUSED_PAUSE_NANOS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        clients.shutdownNow();
        clients.awaitTermination(15, TimeUnit.SECONDS);
        http.close();
    }
}
