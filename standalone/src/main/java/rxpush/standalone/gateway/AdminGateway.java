package rxpush.standalone.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rxpush.common.admin.AdminAccess;

/**
 * The standalone launcher's one admin port (default 8081, 127.0.0.1 only), whatever internal ports
 * the services bound:
 * <ul>
 *   <li>{@code /api/**}: the admin API of subscription-service (mailboxes, status, resync), and
 *       {@code /status}, its per-mailbox status page;</li>
 *   <li>{@code /actuator/health}: every service's health in one document, 503 unless all are UP;</li>
 *   <li>{@code /actuator/{service}/**}: that service's actuator ({@code ingress}, {@code subscription},
 *       {@code forwarder}), e.g. {@code /actuator/forwarder/prometheus}.</li>
 * </ul>
 */
public final class AdminGateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AdminGateway.class);
    static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(30);

    private final HttpServer server;
    private final Map<String, Integer> managementPorts;
    private final String adminService;
    private final AdminAccess access;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param port            the admin port to bind on 127.0.0.1 (0 for any free port)
     * @param managementPorts service id to its management port, in display order
     * @param adminService    the service id that serves /api/**
     * @param access          who may call it (bearer token, Host check, JSON for state changes):
     *                        checked before anything is proxied; the token is passed on to the admin
     *                        service, which checks it again
     */
    public AdminGateway(int port, Map<String, Integer> managementPorts, String adminService, AdminAccess access) {
        this.managementPorts = new LinkedHashMap<>(managementPorts);
        this.adminService = adminService;
        this.access = access;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("admin port " + port + " is not free: set --management.server.port", e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            AdminAccess.Decision decision = access.check(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Host"), exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"));
            if (!decision.allowed()) {
                if (decision.status() == 401) {
                    exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"rx-push admin\"");
                }
                send(exchange, decision.status(), "application/problem+json",
                        "{\"status\":" + decision.status() + ",\"detail\":\"" + decision.reason() + "\"}");
                return;
            }
            if (path.equals("/api") || path.startsWith("/api/") || path.equals("/status")) {
                proxy(exchange, adminService, exchange.getRequestURI().getRawPath());
            } else if (path.equals("/actuator/health")) {
                health(exchange);
            } else if (path.startsWith("/actuator/")) {
                String rest = path.substring("/actuator/".length());
                int slash = rest.indexOf('/');
                String service = slash < 0 ? rest : rest.substring(0, slash);
                if (!managementPorts.containsKey(service)) {
                    send(exchange, 404, "application/json", "{\"error\":\"unknown service '" + escape(service)
                            + "'; use one of " + managementPorts.keySet() + "\"}");
                    return;
                }
                proxy(exchange, service, "/actuator" + (slash < 0 ? "" : rest.substring(slash)));
            } else {
                send(exchange, 404, "application/json",
                        "{\"routes\":[\"/api/**\",\"/actuator/health\",\"/actuator/{service}/**\"],\"services\":"
                                + managementPorts.keySet().stream().map(s -> "\"" + s + "\"").toList() + "}");
            }
        } catch (RuntimeException e) {
            log.warn("admin gateway failed on {}: {}", exchange.getRequestURI().getPath(), e.toString());
        }
    }

    private void proxy(HttpExchange exchange, String service, String path) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        URI target = URI.create("http://127.0.0.1:" + managementPorts.get(service) + path + (query == null ? "" : "?" + query));
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(UPSTREAM_TIMEOUT)
                .method(exchange.getRequestMethod(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String header : new String[] {"Content-Type", "Accept", "Authorization"}) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            String type = response.headers().firstValue("Content-Type").orElse("application/octet-stream");
            send(exchange, response.statusCode(), type, response.body());
        } catch (IOException e) {
            send(exchange, 502, "application/json", "{\"error\":\"" + service + " is not answering\"}");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            send(exchange, 503, "application/json", "{\"error\":\"interrupted\"}");
        }
    }

    private void health(HttpExchange exchange) throws IOException {
        StringBuilder components = new StringBuilder();
        boolean allUp = true;
        for (Map.Entry<String, Integer> service : managementPorts.entrySet()) {
            String document;
            boolean up;
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + service.getValue() + "/actuator/health")).timeout(UPSTREAM_TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                document = response.body().isBlank() ? "{\"status\":\"UNKNOWN\"}" : response.body();
                up = response.statusCode() == 200;
            } catch (IOException e) {
                document = "{\"status\":\"DOWN\",\"details\":{\"error\":\"not answering\"}}";
                up = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            allUp &= up;
            components.append(components.isEmpty() ? "" : ",").append('"').append(service.getKey()).append("\":").append(document);
        }
        send(exchange, allUp ? 200 : 503, "application/json",
                "{\"status\":\"" + (allUp ? "UP" : "DOWN") + "\",\"components\":{" + components + "}}");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        send(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static String escape(String text) {
        return text.replaceAll("[^A-Za-z0-9._-]", "?");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
