package rxpush.ingress.graph;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import rxpush.common.contract.Source;
import rxpush.ingress.IngressSettings;
import rxpush.ingress.http.BodyReader;
import rxpush.ingress.http.MalformedNotificationException;
import rxpush.ingress.http.MediaTypes;
import rxpush.ingress.http.PayloadLog;
import rxpush.ingress.kafka.NotAcknowledgedException;
import rxpush.ingress.kafka.NotificationPublisher;
import rxpush.ingress.kafka.OutboundRecord;
import rxpush.ingress.kafka.RequestContext;
import rxpush.ingress.ops.IngressMetrics;
import rxpush.ingress.ops.Rejection;
import rxpush.ingress.registry.SubscriptionRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code POST /graph/notifications} (change notifications) and {@code POST /graph/lifecycle}
 * (lifecycle notifications) of Microsoft Graph webhooks.
 *
 * <p>A {@code validationToken} query parameter is Graph's handshake, answered at once (also while
 * the registry loads) with the decoded token as {@code text/plain}. Otherwise: registry loaded
 * (else 503), JSON content type (415), size (413), well-formed {@code {"value":[...]}} (400). Each
 * item is then checked on its own ({@link GraphRecords}); the valid ones go to Kafka and 202 is
 * answered once all are acknowledged, 503 if not in time. Both endpoints accept both kinds of item
 * (told apart by {@code lifecycleEvent}), so a subscription created without a separate lifecycle
 * URL loses nothing.
 */
@RestController
class GraphController {

    private static final Logger log = LoggerFactory.getLogger(GraphController.class);
    /** Graph's tokens are short; a long one is not Graph's and is not echoed. */
    static final int MAX_VALIDATION_TOKEN = 1024;
    private static final MediaType TEXT_PLAIN_UTF8 = new MediaType("text", "plain", StandardCharsets.UTF_8);

    private final SubscriptionRegistry registry;
    private final GraphRecords records;
    private final NotificationPublisher publisher;
    private final IngressMetrics metrics;
    private final PayloadLog payloads;
    private final IngressSettings settings;
    private final Clock clock;

    GraphController(SubscriptionRegistry registry, NotificationPublisher publisher, IngressMetrics metrics,
            PayloadLog payloads, IngressSettings settings, Clock clock) {
        this.registry = registry;
        this.records = new GraphRecords(registry);
        this.publisher = publisher;
        this.metrics = metrics;
        this.payloads = payloads;
        this.settings = settings;
        this.clock = clock;
    }

    @PostMapping(path = {"/graph/notifications", "/graph/lifecycle"}, params = "validationToken")
    ResponseEntity<String> validate(@RequestParam String validationToken) {
        if (validationToken.isEmpty() || validationToken.length() > MAX_VALIDATION_TOKEN) {
            return ResponseEntity.badRequest().contentType(TEXT_PLAIN_UTF8).body("invalid validationToken\n");
        }
        // text/plain and nosniff: the token is attacker-chosen text and must never render as HTML.
        return ResponseEntity.ok().contentType(TEXT_PLAIN_UTF8).header("X-Content-Type-Options", "nosniff")
                .body(validationToken);
    }

    @PostMapping(path = {"/graph/notifications", "/graph/lifecycle"})
    ResponseEntity<?> receive(HttpServletRequest request) {
        RequestContext context = RequestContext.start(Source.GRAPH, clock.instant());
        metrics.received(Source.GRAPH);
        try (var trace = MDC.putCloseable("traceId", context.traceId())) {
            return handle(request, context);
        }
    }

    private ResponseEntity<?> handle(HttpServletRequest request, RequestContext context) {
        if (!registry.loaded()) {
            return reject(Rejection.REGISTRY_LOADING, HttpStatus.SERVICE_UNAVAILABLE, "subscription registry is loading");
        }
        if (!MediaTypes.oneOf(request.getContentType(), MediaTypes.JSON)) {
            return reject(Rejection.UNSUPPORTED_MEDIA_TYPE, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "expected application/json");
        }
        List<GraphItem> items;
        try {
            byte[] body = BodyReader.read(request, settings.ingress().maxBodySize());
            payloads.log(Source.GRAPH, body);
            items = items(SafeJson.parse(body));
        } catch (BodyReader.PayloadTooLargeException e) {
            return reject(Rejection.TOO_LARGE, HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
        } catch (MalformedNotificationException e) {
            return reject(Rejection.MALFORMED, HttpStatus.BAD_REQUEST, e.getMessage());
        } catch (IOException e) {
            return reject(Rejection.MALFORMED, HttpStatus.BAD_REQUEST, "body could not be read");
        }
        List<OutboundRecord> outbound = new ArrayList<>();
        for (GraphItem item : items) {
            switch (records.map(item, context)) {
                case GraphRecords.Accepted accepted -> outbound.add(accepted.record());
                case GraphRecords.Dropped dropped -> {
                    metrics.rejected(Source.GRAPH, dropped.reason());
                    log.info("Graph item dropped: {} (subscription {})", dropped.reason().tag(),
                            dropped.subscription() == null ? "-" : dropped.subscription().id());
                }
            }
        }
        try {
            publisher.publish(outbound, context);
        } catch (NotAcknowledgedException e) {
            log.warn("Graph notification not acknowledged by Kafka: {}", e.getMessage());
            return reject(Rejection.KAFKA_UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE, "not stored, retry later");
        }
        metrics.accepted(Source.GRAPH);
        log.debug("Graph notification: {} of {} items acknowledged", outbound.size(), items.size());
        return ResponseEntity.accepted().build();
    }

    /** The elements of {@code value}; an element that is not an object becomes a dropped item. */
    private static List<GraphItem> items(JsonNode root) throws MalformedNotificationException {
        JsonNode value = root.isObject() ? root.get("value") : null;
        if (value == null || !value.isArray()) {
            throw new MalformedNotificationException("expected an object with a value array");
        }
        List<GraphItem> items = new ArrayList<>(value.size());
        for (JsonNode element : value) {
            items.add(new GraphItem(element.isObject() ? element : JsonNodeFactory.instance.objectNode()));
        }
        return items;
    }

    private ResponseEntity<ProblemDetail> reject(Rejection reason, HttpStatus status, String detail) {
        metrics.rejected(Source.GRAPH, reason);
        log.debug("Graph notification rejected: {} ({})", reason.tag(), status.value());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
