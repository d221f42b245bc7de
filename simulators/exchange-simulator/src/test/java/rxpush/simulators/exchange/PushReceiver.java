package rxpush.simulators.exchange;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A listener for the simulator's pushes in tests: records every request (path, query, headers,
 * body) and answers with whatever the test configures (by default EWS's OK).
 */
public final class PushReceiver implements AutoCloseable {

    /** One received request. */
    public record Received(String method, String path, String query, Map<String, List<String>> headers, String body) {
        /** The decoded validationToken query parameter, or null. */
        public String validationToken() {
            if (query == null) {
                return null;
            }
            for (String pair : query.split("&")) {
                if (pair.startsWith("validationToken=")) {
                    return java.net.URLDecoder.decode(pair.substring(16), StandardCharsets.UTF_8);
                }
            }
            return null;
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    /** An answer: status, content type, body and an optional wall-clock delay. */
    public record Answer(int status, String contentType, String body, Duration delay) {
        public static Answer ok() {
            return new Answer(200, "text/xml; charset=utf-8", EWS_OK, Duration.ZERO);
        }

        public static Answer unsubscribe() {
            return new Answer(200, "text/xml; charset=utf-8", EWS_OK.replace(">OK<", ">Unsubscribe<"), Duration.ZERO);
        }

        /**
         * Graph's side of the conversation: echoes a validationToken as text/plain, and answers
         * notifications with {@code status}.
         */
        public static Function<Received, Answer> graph(int status) {
            return r -> {
                String token = r.validationToken();
                return token != null ? new Answer(200, "text/plain; charset=utf-8", token, Duration.ZERO)
                        : new Answer(status, "text/plain", "", Duration.ZERO);
            };
        }

        public static Answer status(int status) {
            return new Answer(status, "text/plain", "", Duration.ZERO);
        }
    }

    public static final String EWS_OK = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
            + "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\""
            + " xmlns:m=\"http://schemas.microsoft.com/exchange/services/2006/messages\"><s:Body>"
            + "<m:SendNotificationResult><m:SubscriptionStatus>OK</m:SubscriptionStatus></m:SendNotificationResult>"
            + "</s:Body></s:Envelope>";

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Answer> answers = r -> Answer.ok();

    public PushReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public void answer(Function<Received, Answer> answers) {
        this.answers = answers;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    public void clear() {
        received.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        received.add(request);
        Answer answer = answers.apply(request);
        if (!answer.delay().isZero()) {
            try {
                // sleep-ok: simulates a receiver that answers slowly (Graph's 3 s budget, Exchange's retry timing)
                Thread.sleep(answer.delay());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
