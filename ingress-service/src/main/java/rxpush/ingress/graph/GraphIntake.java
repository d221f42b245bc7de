package rxpush.ingress.graph;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.LifecycleNotification;
import rxpush.common.contract.Source;
import rxpush.common.contract.SubscriptionState;
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
 * One Graph POST whose path was accepted ({@link GraphController}): JSON content type (415), size
 * (413), arrival within the body deadline (408), well-formed {@code {"value":[...]}} of at most
 * {@code graph-max-items} items (400, 413). Each item is then checked on its own
 * ({@link GraphRecords}); the subscriptions' item budgets are taken for the valid ones (else 429
 * with Retry-After, nothing produced); they go to Kafka and 202 is answered once all are
 * acknowledged, 503 if not in time. Both endpoints accept both kinds of item (told apart by
 * {@code lifecycleEvent}), so a subscription created without a separate lifecycle URL loses nothing.
 *
 * <p>At most one INFO line per request, whatever the number of items: a summary of what was dropped.
 */
@Component
class GraphIntake {

    private static final Logger log = LoggerFactory.getLogger(GraphIntake.class);

    private final GraphRecords records;
    private final SafeJson json;
    private final SubscriptionBudgets budgets;
    private final NotificationPublisher publisher;
    private final IngressMetrics metrics;
    private final PayloadLog payloads;
    private final IngressSettings.Endpoints settings;

    GraphIntake(SubscriptionRegistry registry, SubscriptionBudgets budgets, NotificationPublisher publisher,
            IngressMetrics metrics, PayloadLog payloads, IngressSettings settings) {
        this.records = new GraphRecords(registry);
        this.json = SafeJson.forItems(settings.ingress().graphMaxItems());
        this.budgets = budgets;
        this.publisher = publisher;
        this.metrics = metrics;
        this.payloads = payloads;
        this.settings = settings.ingress();
    }

    /** What an item costs the forwarder: a read of the item it names (a lifecycle event: its kind). */
    private static String budgetKey(Object value) {
        return switch (value) {
            case ChangeNotification n when n.itemId() != null -> n.itemId();
            case LifecycleNotification n -> "lifecycle/" + n.event();
            default -> value.getClass().getSimpleName();
        };
    }

    ResponseEntity<?> loading() {
        return reject(Rejection.REGISTRY_LOADING, HttpStatus.SERVICE_UNAVAILABLE, "subscription registry is loading");
    }

    /** @param bound the subscription of the tokenized URL, null on the shared path */
    ResponseEntity<?> handle(HttpServletRequest request, SubscriptionState bound, RequestContext context) {
        if (!MediaTypes.oneOf(request.getContentType(), MediaTypes.JSON)) {
            return reject(Rejection.UNSUPPORTED_MEDIA_TYPE, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "expected application/json");
        }
        List<GraphItem> items;
        try {
            byte[] body = BodyReader.read(request, settings.maxBodySize(), settings.bodyReadTimeout());
            payloads.log(Source.GRAPH, body);
            items = items(json.read(body));
        } catch (BodyReader.PayloadTooLargeException e) {
            return reject(Rejection.TOO_LARGE, HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
        } catch (BodyReader.BodyTimeoutException e) {
            return reject(Rejection.BODY_TIMEOUT, HttpStatus.REQUEST_TIMEOUT, e.getMessage());
        } catch (SafeJson.TooManyTokensException | TooManyItemsException e) {
            return reject(Rejection.TOO_MANY_ITEMS, HttpStatus.PAYLOAD_TOO_LARGE,
                    "more than " + settings.graphMaxItems() + " items");
        } catch (MalformedNotificationException e) {
            return reject(Rejection.MALFORMED, HttpStatus.BAD_REQUEST, e.getMessage());
        } catch (IOException e) {
            return reject(Rejection.MALFORMED, HttpStatus.BAD_REQUEST, "body could not be read");
        }
        List<OutboundRecord> outbound = new ArrayList<>();
        Map<String, List<String>> perSubscription = new HashMap<>();
        Map<Rejection, Integer> dropped = new EnumMap<>(Rejection.class);
        for (GraphItem item : items) {
            switch (records.map(item, context, bound)) {
                case GraphRecords.Accepted accepted -> {
                    outbound.add(accepted.record());
                    perSubscription.computeIfAbsent(accepted.state().id(), id -> new ArrayList<>())
                            .add(budgetKey(accepted.record().value()));
                }
                case GraphRecords.Dropped d -> {
                    metrics.rejected(Source.GRAPH, d.reason());
                    dropped.merge(d.reason(), 1, Integer::sum);
                }
            }
        }
        if (!dropped.isEmpty()) {
            log.info("Graph POST{}: {} of {} items dropped {}", bound == null ? " (shared path)" : " for subscription " + bound.id(),
                    items.size() - outbound.size(), items.size(), dropped);
        }
        for (Map.Entry<String, List<String>> entry : perSubscription.entrySet()) {
            Duration wait = budgets.take(entry.getKey(), entry.getValue());
            if (!wait.isZero()) {
                ResponseEntity<ProblemDetail> answer = reject(Rejection.RATE_LIMITED, HttpStatus.TOO_MANY_REQUESTS,
                        "item budget of the subscription spent");
                return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                        .header("Retry-After", Long.toString(Math.max(1, wait.toSeconds() + 1))).body(answer.getBody());
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
    private List<GraphItem> items(JsonNode root) throws MalformedNotificationException, TooManyItemsException {
        JsonNode value = root.isObject() ? root.get("value") : null;
        if (value == null || !value.isArray()) {
            throw new MalformedNotificationException("expected an object with a value array");
        }
        if (value.size() > settings.graphMaxItems()) {
            throw new TooManyItemsException();
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

    /** More items than rxpush.ingress.graph-max-items. */
    private static final class TooManyItemsException extends Exception {
    }
}
