package rxpush.subscription.graph;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rxpush.common.exchange.GraphAuthException;
import rxpush.common.exchange.GraphHttp;
import rxpush.common.exchange.ThrottledException;
import rxpush.common.kafka.ContractJson;
import rxpush.subscription.engine.ExchangeException;
import rxpush.subscription.engine.ExchangeException.Kind;
import rxpush.subscription.engine.GraphClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Microsoft Graph subscription requests over {@link GraphHttp} (bearer token, 401 refresh, 429/503
 * with Retry-After). Resource {@code /users/{mailbox}/events}, change types created, updated and
 * deleted, notifications to {@code {notification-url}/graph/notifications/{token}} and lifecycle events
 * to {@code {notification-url}/graph/lifecycle/{token}}, the token a secret of the subscription (ingress
 * refuses any other before reading a body).
 */
public final class GraphHttpClient implements GraphClient {

    static final String CHANGE_TYPES = "created,updated,deleted";
    /** Graph's error code when the notification URL failed the validation handshake. */
    private static final String VALIDATION_ERROR = "ValidationError";
    private static final Pattern RESOURCE = Pattern.compile("(?i)^/?users/([^/]+)/events$");

    private final GraphHttp http;
    private final URI notificationUrl;
    private final URI lifecycleUrl;

    public GraphHttpClient(GraphHttp http, URI notificationUrl, URI lifecycleUrl) {
        this.http = http;
        this.notificationUrl = notificationUrl;
        this.lifecycleUrl = lifecycleUrl;
    }

    @Override
    public Subscription create(String mailbox, String clientState, String urlToken, Instant expiresAt)
            throws ExchangeException {
        ObjectNode body = ContractJson.mapper().createObjectNode();
        body.put("changeType", CHANGE_TYPES);
        body.put("notificationUrl", notificationUrl + "/" + urlToken);
        body.put("lifecycleNotificationUrl", lifecycleUrl + "/" + urlToken);
        body.put("resource", "/users/" + URLEncoder.encode(mailbox, StandardCharsets.UTF_8).replace("%40", "@") + "/events");
        body.put("expirationDateTime", expiresAt.toString());
        body.put("clientState", clientState);
        // Immutable ids in the notifications: the forwarder reads and pushes events by immutable id, so a
        // notification's id (a deletion's above all) must name the same booking.
        HttpResponse<String> response = send(http.request("/subscriptions")
                .header("Content-Type", "application/json")
                .header("Prefer", "IdType=\"ImmutableId\"")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), "create subscription", true);
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw failure(response, "create subscription");
        }
        return parse(read(response.body()));
    }

    @Override
    public Instant renew(String subscriptionId, Instant expiresAt) throws ExchangeException {
        ObjectNode body = ContractJson.mapper().createObjectNode();
        body.put("expirationDateTime", expiresAt.toString());
        HttpResponse<String> response = send(http.request("/subscriptions/" + encode(subscriptionId))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body.toString())), "renew subscription", false);
        if (response.statusCode() == 404) {
            throw ExchangeException.of(Kind.NOT_FOUND, "Graph answered 404 to the renewal: subscription gone");
        }
        if (response.statusCode() != 200) {
            throw failure(response, "renew subscription");
        }
        JsonNode json = read(response.body());
        String granted = json.path("expirationDateTime").asString("");
        return granted.isEmpty() ? expiresAt : Instant.parse(granted);
    }

    @Override
    public void delete(String subscriptionId) throws ExchangeException {
        HttpResponse<String> response = send(http.request("/subscriptions/" + encode(subscriptionId)).DELETE(),
                "delete subscription", false);
        int status = response.statusCode();
        if (status != 204 && status != 200 && status != 404) {
            throw failure(response, "delete subscription");
        }
    }

    @Override
    public List<Subscription> list() throws ExchangeException {
        List<Subscription> all = new ArrayList<>();
        HttpRequest.Builder next = http.request("/subscriptions").GET();
        for (int page = 0; next != null && page < 10_000; page++) {
            HttpResponse<String> response = send(next, "list subscriptions", false);
            if (response.statusCode() != 200) {
                throw failure(response, "list subscriptions");
            }
            JsonNode json = read(response.body());
            for (JsonNode item : json.path("value")) {
                all.add(parse(item));
            }
            String link = json.path("@odata.nextLink").asString("");
            next = link.isEmpty() ? null : http.requestAbsolute(URI.create(link)).GET();
        }
        return all;
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String what, boolean creates) throws ExchangeException {
        try {
            return http.send(request);
        } catch (ThrottledException e) {
            throw ExchangeException.throttled("Graph throttled " + what, e.retryAfter());
        } catch (GraphAuthException e) {
            throw new ExchangeException(Kind.PERMANENT, e.getMessage(), null, false, e);
        } catch (HttpTimeoutException e) {
            throw new ExchangeException(Kind.TRANSIENT, "Graph did not answer " + what + " in time", null, creates, e);
        } catch (IOException e) {
            throw new ExchangeException(Kind.TRANSIENT, "Graph unreachable for " + what + ": " + e.getClass().getSimpleName(),
                    null, creates, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExchangeException(Kind.TRANSIENT, "interrupted", null, creates, e);
        }
    }

    /**
     * 4xx other than throttling: retrying at once will not help (bad mailbox, refused credentials).
     * Except a failed validation handshake: the notification URL did not answer Graph, which mostly
     * means ingress is not up yet (started together with this service) or restarting, so it is retried
     * on the transient back-off rather than once per maintenance pass.
     */
    private static ExchangeException failure(HttpResponse<String> response, String what) {
        int status = response.statusCode();
        String code = errorCode(response.body());
        String message = "Graph answered " + status + " to " + what + (code.isEmpty() ? "" : " (" + code + ")");
        boolean permanent = status >= 400 && status < 500 && !(status == 400 && VALIDATION_ERROR.equals(code));
        return ExchangeException.of(permanent ? Kind.PERMANENT : Kind.TRANSIENT, message);
    }

    private static String errorCode(String body) {
        try {
            return ContractJson.mapper().readTree(body).path("error").path("code").asString("");
        } catch (JacksonException | IllegalArgumentException e) {
            return "";
        }
    }

    private static JsonNode read(String body) throws ExchangeException {
        try {
            return ContractJson.mapper().readTree(body);
        } catch (JacksonException e) {
            throw ExchangeException.of(Kind.TRANSIENT, "Graph answered with invalid JSON");
        }
    }

    private static Subscription parse(JsonNode json) throws ExchangeException {
        String id = json.path("id").asString("");
        if (id.isEmpty()) {
            throw ExchangeException.of(Kind.TRANSIENT, "Graph answered without a subscription id");
        }
        String expiry = json.path("expirationDateTime").asString("");
        String url = json.path("notificationUrl").asString("");
        return new Subscription(id, mailboxOf(json.path("resource").asString("")), url.isEmpty() ? null : URI.create(url),
                expiry.isEmpty() ? null : Instant.parse(expiry));
    }

    /** The mailbox of a {@code /users/{address}/events} resource; null for anything else. */
    static String mailboxOf(String resource) {
        Matcher m = RESOURCE.matcher(resource);
        if (!m.matches()) {
            return null;
        }
        String user = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        return user.contains("@") ? user : null;
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }
}
