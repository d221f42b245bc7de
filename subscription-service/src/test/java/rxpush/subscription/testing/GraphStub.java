package rxpush.subscription.testing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import rxpush.common.kafka.ContractJson;
import rxpush.testsupport.LoopbackHttp;
import rxpush.testsupport.LoopbackHttp.Answer;
import rxpush.testsupport.LoopbackHttp.Request;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Microsoft Graph's token endpoint and /subscriptions on a loopback port, enough for the service's
 * requests: create (201), renew (200 or 404 when gone), delete (204), list. {@link #override} answers
 * a request differently (429, 500...) to test failure handling.
 */
public final class GraphStub implements AutoCloseable {

    /** One subscription as the stub holds it, with the secret clientState the service sent. */
    public record Sub(String id, String mailbox, String resource, String notificationUrl, String lifecycleUrl,
            String clientState, Instant expiresAt) {
    }

    public final Map<String, Sub> subs = new ConcurrentHashMap<>();
    private final AtomicInteger counter = new AtomicInteger();
    private final LoopbackHttp http;
    /** Returns an answer to use instead of the normal one, or null. */
    public volatile Function<Request, Answer> override = r -> null;

    public GraphStub() {
        http = new LoopbackHttp(this::answer);
    }

    public String baseUrl() {
        return http.url("/v1.0");
    }

    public String tokenUrl() {
        return http.url("/token");
    }

    public List<Request> requests() {
        return http.requests;
    }

    public long count(String method, String pathPrefix) {
        return http.requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).count();
    }

    public List<Sub> of(String mailbox) {
        return subs.values().stream().filter(s -> s.mailbox().equals(mailbox)).toList();
    }

    private Answer answer(Request r) {
        Answer special = override.apply(r);
        if (special != null) {
            return special;
        }
        if (r.path().equals("/token")) {
            return Answer.json(200, "{\"access_token\":\"test-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        }
        if (!"Bearer test-token".equals(r.header("Authorization"))) {
            return Answer.json(401, "{\"error\":{\"code\":\"InvalidAuthenticationToken\"}}");
        }
        String path = r.path().substring("/v1.0".length());
        String id = path.startsWith("/subscriptions/") ? path.substring("/subscriptions/".length()) : null;
        return switch (r.method()) {
            case "POST" -> create(r);
            case "PATCH" -> renew(id, r);
            case "DELETE" -> subs.remove(id) == null ? Answer.json(404, "{}") : new Answer(204, "application/json", "", Map.of());
            case "GET" -> list();
            default -> Answer.json(405, "{}");
        };
    }

    private Answer create(Request r) {
        JsonNode body = ContractJson.mapper().readTree(r.body());
        String resource = body.path("resource").asString();
        String mailbox = resource.replaceAll("^/users/", "").replaceAll("/events$", "");
        Sub sub = new Sub("stub-" + counter.incrementAndGet(), mailbox, resource, body.path("notificationUrl").asString(),
                body.path("lifecycleNotificationUrl").asString(), body.path("clientState").asString(),
                Instant.parse(body.path("expirationDateTime").asString()));
        subs.put(sub.id(), sub);
        return Answer.json(201, json(sub).toString());
    }

    private Answer renew(String id, Request r) {
        Sub sub = subs.get(id);
        if (sub == null) {
            return Answer.json(404, "{\"error\":{\"code\":\"ResourceNotFound\"}}");
        }
        Instant expiry = Instant.parse(ContractJson.mapper().readTree(r.body()).path("expirationDateTime").asString());
        Sub renewed = new Sub(sub.id(), sub.mailbox(), sub.resource(), sub.notificationUrl(), sub.lifecycleUrl(),
                sub.clientState(), expiry);
        subs.put(id, renewed);
        return Answer.json(200, json(renewed).toString());
    }

    private Answer list() {
        ObjectNode page = ContractJson.mapper().createObjectNode();
        ArrayNode value = page.putArray("value");
        subs.values().forEach(s -> value.add(json(s)));
        return Answer.json(200, page.toString());
    }

    private static ObjectNode json(Sub s) {
        ObjectNode node = ContractJson.mapper().createObjectNode();
        node.put("id", s.id());
        node.put("resource", s.resource());
        node.put("changeType", "created,updated,deleted");
        node.put("notificationUrl", s.notificationUrl());
        node.put("lifecycleNotificationUrl", s.lifecycleUrl());
        node.put("expirationDateTime", s.expiresAt().toString());
        return node;
    }

    @Override
    public void close() {
        http.close();
    }
}
