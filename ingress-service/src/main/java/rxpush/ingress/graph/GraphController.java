package rxpush.ingress.graph;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import rxpush.common.contract.Source;
import rxpush.common.contract.SubscriptionState;
import rxpush.ingress.kafka.RequestContext;
import rxpush.ingress.ops.IngressMetrics;
import rxpush.ingress.ops.Rejection;
import rxpush.ingress.registry.SubscriptionRegistry;

/**
 * Microsoft Graph webhooks: change notifications and lifecycle notifications.
 *
 * <p>Each subscription's notificationUrl carries its own secret token,
 * {@code /graph/notifications/{token}} and {@code /graph/lifecycle/{token}}, created by the
 * subscription service like an EWS push URL (only its SHA-256 hash is in the registry). A token
 * nobody was given is answered 404 before the body is read. The shared {@code /graph/notifications}
 * and {@code /graph/lifecycle} paths are served only while the registry holds a subscription created
 * without a token (by a subscription service from before the token), and only for that kind of
 * subscription: after an upgrade they answer 404 once those are replaced.
 *
 * <p>A {@code validationToken} in the query string is Graph's handshake, answered at once with the
 * decoded token as {@code text/plain}. It is read from the query string only: form bodies are never
 * parsed. On a tokenized path it is answered for any token of the right shape, because Graph sends
 * it while the subscription service is creating the subscription, possibly before this instance
 * has read the PENDING record; the answer reveals nothing and reads no body.
 */
@RestController
class GraphController {

    /** Graph's tokens are short; a long one is not Graph's and is not echoed. */
    static final int MAX_VALIDATION_TOKEN = 1024;
    /** Tokens are base64url, 128 bits or more; anything else cannot be one and is not even hashed. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22,256}");
    private static final String VALIDATION_PARAMETER = "validationToken=";
    private static final MediaType TEXT_PLAIN_UTF8 = new MediaType("text", "plain", StandardCharsets.UTF_8);

    private final SubscriptionRegistry registry;
    private final GraphIntake intake;
    private final IngressMetrics metrics;
    private final Clock clock;

    GraphController(SubscriptionRegistry registry, GraphIntake intake, IngressMetrics metrics, Clock clock) {
        this.registry = registry;
        this.intake = intake;
        this.metrics = metrics;
        this.clock = clock;
    }

    @PostMapping(path = {"/graph/notifications/{token}", "/graph/lifecycle/{token}"})
    ResponseEntity<?> receive(@PathVariable String token, HttpServletRequest request) {
        boolean shaped = TOKEN.matcher(token).matches();
        Optional<String> validation = validationToken(request);
        if (validation.isPresent()) {
            return shaped ? validate(validation.get()) : unknown();
        }
        return within(context -> {
            if (!registry.loaded()) {
                return intake.loading();
            }
            Optional<SubscriptionState> bound = shaped ? registry.forGraphToken(token) : Optional.empty();
            return bound.isPresent() ? intake.handle(request, bound.get(), context) : unknown();
        });
    }

    @PostMapping(path = {"/graph/notifications", "/graph/lifecycle"})
    ResponseEntity<?> receiveShared(HttpServletRequest request) {
        Optional<String> validation = validationToken(request);
        if (validation.isPresent()) {
            // While the registry loads it cannot tell whether the shared path is still in use.
            return !registry.loaded() || registry.servesSharedGraphPath() ? validate(validation.get()) : unknown();
        }
        return within(context -> {
            if (!registry.loaded()) {
                return intake.loading();
            }
            return registry.servesSharedGraphPath() ? intake.handle(request, null, context) : unknown();
        });
    }

    private ResponseEntity<?> within(Function<RequestContext, ResponseEntity<?>> work) {
        RequestContext context = RequestContext.start(Source.GRAPH, clock.instant());
        metrics.received(Source.GRAPH);
        try (var trace = MDC.putCloseable("traceId", context.traceId())) {
            return work.apply(context);
        }
    }

    private ResponseEntity<?> unknown() {
        metrics.rejected(Source.GRAPH, Rejection.UNKNOWN_TOKEN);
        return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
    }

    private static ResponseEntity<String> validate(String validationToken) {
        if (validationToken.isEmpty() || validationToken.length() > MAX_VALIDATION_TOKEN) {
            return ResponseEntity.badRequest().contentType(TEXT_PLAIN_UTF8).body("invalid validationToken\n");
        }
        // text/plain and nosniff: the token is attacker-chosen text and must never render as HTML.
        return ResponseEntity.ok().contentType(TEXT_PLAIN_UTF8).header("X-Content-Type-Options", "nosniff")
                .body(validationToken);
    }

    /** The decoded {@code validationToken} of the query string (never of a form body), if present. */
    static Optional<String> validationToken(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null) {
            return Optional.empty();
        }
        if (query.length() > 4 * MAX_VALIDATION_TOKEN) {
            return Optional.of(""); // not Graph's: answered as an invalid handshake
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(VALIDATION_PARAMETER)) {
                try {
                    return Optional.of(URLDecoder.decode(pair.substring(VALIDATION_PARAMETER.length()), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    return Optional.of("");
                }
            }
        }
        return Optional.empty();
    }
}
