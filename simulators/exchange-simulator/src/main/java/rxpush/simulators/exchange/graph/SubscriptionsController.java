package rxpush.simulators.exchange.graph;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import rxpush.simulators.exchange.calendar.CalendarStore;
import rxpush.simulators.exchange.calendar.Mailbox;

/**
 * {@code /v1.0/subscriptions}: create (validated like Graph: change types, resource
 * {@code users/{id}/events}, URLs, expiry in the future and at most {@code maxExpiration} ahead,
 * clientState at most 128 characters, then the handshake on both URLs; 409 on a duplicate), list,
 * get, PATCH (renew), DELETE and reauthorize. {@code Prefer: IdType="ImmutableId"} at creation makes
 * the notifications carry immutable ids.
 */
@RestController
@RequestMapping("/v1.0/subscriptions")
class SubscriptionsController {

    private static final Pattern RESOURCE = Pattern.compile(
            "^/?users/([^/]+)/(?:calendar/|calendars/[^/]+/)?events$", Pattern.CASE_INSENSITIVE);
    private static final Set<String> CHANGE_TYPES = Set.of("created", "updated", "deleted");

    private final GraphSubscriptions subscriptions;
    private final CalendarStore store;
    private final boolean requireHttps;
    private final Duration maxExpiration;
    private final rxpush.simulators.exchange.control.AccessRules rules;

    SubscriptionsController(GraphSubscriptions subscriptions, CalendarStore store, boolean requireHttps,
                            Duration maxExpiration, rxpush.simulators.exchange.control.AccessRules rules) {
        this.rules = rules;
        this.subscriptions = subscriptions;
        this.store = store;
        this.requireHttps = requireHttps;
        this.maxExpiration = maxExpiration;
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> create(@RequestBody Map<String, Object> body,
                                               @RequestHeader(value = "Prefer", required = false) List<String> prefer) {
        String resource = text(body, "resource", true);
        if (resource.toLowerCase(Locale.ROOT).matches("^/?me/.*")) {
            throw GraphException.badRequest("/me request is only valid with delegated authentication flow.");
        }
        Matcher matcher = RESOURCE.matcher(resource);
        if (!matcher.matches()) {
            throw new GraphException(400, "ExtensionError", "Operation: Create; Exception: [Status Code: BadRequest;"
                    + " Reason: The resource '" + resource + "' is not supported; use users/{id}/events.]");
        }
        Mailbox mailbox = store.byUser(matcher.group(1)).orElseThrow(() -> new GraphException(404, "ErrorInvalidUser",
                "The requested user '" + matcher.group(1) + "' is invalid."));
        GraphAccess.checkSubscription(rules, mailbox);
        String changeTypeText = text(body, "changeType", true);
        Set<String> changeTypes = new LinkedHashSet<>();
        for (String type : changeTypeText.split(",")) {
            String trimmed = type.trim();
            if (!CHANGE_TYPES.contains(trimmed)) {
                throw GraphException.badRequest("Invalid 'changeType' attribute: '" + trimmed + "'.");
            }
            changeTypes.add(trimmed);
        }
        URI notificationUrl = url(text(body, "notificationUrl", true), "notificationUrl");
        String lifecycleText = text(body, "lifecycleNotificationUrl", false);
        URI lifecycleUrl = lifecycleText == null ? null : url(lifecycleText, "lifecycleNotificationUrl");
        String clientState = text(body, "clientState", false);
        if (clientState != null && clientState.length() > 128) {
            throw GraphException.badRequest("clientState must be at most 128 characters long.");
        }
        Instant expiration = expiration(text(body, "expirationDateTime", true));
        GraphSubscription created = subscriptions.create(new GraphSubscriptions.Request(resource, mailbox,
                Set.copyOf(changeTypes), changeTypeText, notificationUrl, lifecycleUrl, expiration, clientState,
                Prefer.parse(prefer).immutableIds()));
        return ResponseEntity.status(HttpStatus.CREATED).body(json(created, true));
    }

    @GetMapping
    Map<String, Object> list() {
        return Map.of("@odata.context", context() + "/v1.0/$metadata#subscriptions",
                "value", subscriptions.active().stream().map(s -> json(s, false)).toList());
    }

    @GetMapping("/{id}")
    Map<String, Object> get(@PathVariable String id) {
        return json(subscriptions.find(id), true);
    }

    @PatchMapping("/{id}")
    Map<String, Object> renew(@PathVariable String id, @RequestBody Map<String, Object> body) {
        if (body.containsKey("lifecycleNotificationUrl")) {
            throw GraphException.badRequest("lifecycleNotificationUrl cannot be changed; create a new subscription.");
        }
        String expiration = text(body, "expirationDateTime", false);
        String notificationUrl = text(body, "notificationUrl", false);
        return json(subscriptions.renew(id, expiration == null ? null : expiration(expiration),
                notificationUrl == null ? null : url(notificationUrl, "notificationUrl")), true);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        subscriptions.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/reauthorize")
    ResponseEntity<Void> reauthorize(@PathVariable String id) {
        subscriptions.reauthorize(id);
        return ResponseEntity.noContent().build();
    }

    private Instant expiration(String text) {
        Instant expiration;
        try {
            expiration = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw GraphException.badRequest("expirationDateTime is not a valid date: " + text);
        }
        Instant now = subscriptions.now();
        if (!expiration.isAfter(now)) {
            throw GraphException.badRequest("Subscription expiration can only be in the future.");
        }
        if (expiration.isAfter(now.plus(maxExpiration))) {
            throw new GraphException(400, "ExtensionError", "Operation: Create; Exception: [Status Code: BadRequest;"
                    + " Reason: Subscription expiration can only be " + maxExpiration.toMinutes()
                    + " minutes in the future.]");
        }
        return expiration;
    }

    private URI url(String text, String name) {
        try {
            URI uri = new URI(text);
            boolean https = "https".equalsIgnoreCase(uri.getScheme());
            if (uri.isAbsolute() && uri.getHost() != null && (https
                    || (!requireHttps && "http".equalsIgnoreCase(uri.getScheme())))) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw GraphException.badRequest("Invalid " + name + ": an absolute " + (requireHttps ? "https" : "http(s)")
                + " URL is required.");
    }

    private static String text(Map<String, Object> body, String field, boolean required) {
        Object value = body.get(field);
        if (value == null || (value instanceof String s && s.isBlank())) {
            if (required) {
                throw GraphException.badRequest("The property '" + field + "' is required.");
            }
            return null;
        }
        if (!(value instanceof String s)) {
            throw GraphException.badRequest("The property '" + field + "' must be a string.");
        }
        return s;
    }

    private Map<String, Object> json(GraphSubscription s, boolean withContext) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (withContext) {
            json.put("@odata.context", context() + "/v1.0/$metadata#subscriptions/$entity");
        }
        synchronized (s) {
            json.put("id", s.id);
            json.put("resource", s.resource);
            json.put("applicationId", s.applicationId);
            json.put("changeType", s.changeTypeText);
            json.put("clientState", s.clientState);
            json.put("notificationUrl", s.notificationUrl.toString());
            json.put("notificationQueryOptions", null);
            json.put("lifecycleNotificationUrl", s.lifecycleUrl == null ? null : s.lifecycleUrl.toString());
            json.put("expirationDateTime", GraphTime.utc(s.expiration));
            json.put("creatorId", s.applicationId);
            json.put("includeResourceData", false);
            json.put("latestSupportedTlsVersion", "v1_2");
            json.put("encryptionCertificate", null);
            json.put("encryptionCertificateId", null);
            json.put("notificationUrlAppId", null);
        }
        return json;
    }

    private static String context() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
    }
}
