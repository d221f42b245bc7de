package rxpush.ingress.ews;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import rxpush.common.contract.Protocol;
import rxpush.common.contract.Source;
import rxpush.common.contract.SubscriptionState;
import rxpush.common.contract.SubscriptionStatus;
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

/**
 * {@code POST /ews/notifications/{token}}: Exchange's push (SendNotification).
 *
 * <p>Checks, in this order: registry loaded (else 503), token known (else 404, before the body is
 * read), XML content type (415), size (413), subscription obsolete (Unsubscribe, nothing produced),
 * well-formed SendNotification for this subscription (400 SOAP fault). Then the records go to
 * Kafka, and OK is answered only once all are acknowledged; otherwise 503, which Exchange retries.
 * Unsubscribe is never the answer to a transient problem. The token is a secret: it is never
 * logged or echoed; logs name the subscription record's id instead.
 */
@RestController
class EwsController {

    private static final Logger log = LoggerFactory.getLogger(EwsController.class);
    /** Tokens are base64url, 128 bits or more; anything else cannot be one and is not even hashed. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22,256}");

    private final SubscriptionRegistry registry;
    private final EwsRecords records;
    private final NotificationPublisher publisher;
    private final IngressMetrics metrics;
    private final PayloadLog payloads;
    private final IngressSettings settings;
    private final Clock clock;

    EwsController(SubscriptionRegistry registry, EwsRecords records, NotificationPublisher publisher,
            IngressMetrics metrics, PayloadLog payloads, IngressSettings settings, Clock clock) {
        this.registry = registry;
        this.records = records;
        this.publisher = publisher;
        this.metrics = metrics;
        this.payloads = payloads;
        this.settings = settings;
        this.clock = clock;
    }

    @PostMapping("/ews/notifications/{token}")
    ResponseEntity<String> receive(@PathVariable String token, HttpServletRequest request) {
        RequestContext context = RequestContext.start(Source.EWS, clock.instant());
        metrics.received(Source.EWS);
        try (var trace = MDC.putCloseable("traceId", context.traceId())) {
            return handle(token, request, context);
        } finally {
            MDC.remove("mailbox");
        }
    }

    private ResponseEntity<String> handle(String token, HttpServletRequest request, RequestContext context) {
        if (!registry.loaded()) {
            return reject(Rejection.REGISTRY_LOADING, HttpStatus.SERVICE_UNAVAILABLE, "subscription registry is loading");
        }
        Optional<SubscriptionState> found = TOKEN.matcher(token).matches()
                ? registry.forEwsToken(token).filter(s -> s.protocol() == Protocol.EWS)
                : Optional.empty();
        if (found.isEmpty()) {
            return reject(Rejection.UNKNOWN_TOKEN, HttpStatus.NOT_FOUND, "unknown subscription");
        }
        SubscriptionState state = found.get();
        // Every later line of this request is about this mailbox (removed when the request ends).
        MDC.put("mailbox", state.mailbox());
        if (!MediaTypes.oneOf(request.getContentType(), MediaTypes.XML)) {
            return reject(Rejection.UNSUPPORTED_MEDIA_TYPE, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "expected text/xml");
        }
        byte[] body;
        try {
            body = BodyReader.read(request, settings.ingress().maxBodySize(), settings.ingress().bodyReadTimeout());
        } catch (BodyReader.PayloadTooLargeException e) {
            return reject(Rejection.TOO_LARGE, HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
        } catch (BodyReader.BodyTimeoutException e) {
            return reject(Rejection.BODY_TIMEOUT, HttpStatus.REQUEST_TIMEOUT, e.getMessage());
        } catch (IOException e) {
            return reject(Rejection.MALFORMED, HttpStatus.BAD_REQUEST, "body could not be read");
        }
        if (state.status() == SubscriptionStatus.OBSOLETE) {
            log.info("Push for obsolete subscription {} of {}: answering Unsubscribe", state.id(), state.mailbox());
            metrics.rejected(Source.EWS, Rejection.OBSOLETE);
            return EwsAnswers.unsubscribe();
        }
        payloads.log(Source.EWS, body);
        List<OutboundRecord> outbound;
        try {
            List<EwsNotification> notifications = SendNotificationParser.parse(body);
            if (notifications.stream().anyMatch(n -> state.subscriptionId() != null && n.subscriptionId() != null
                    && !state.subscriptionId().equals(n.subscriptionId()))) {
                log.warn("Push on the token of subscription {} names another SubscriptionId", state.id());
                return reject(Rejection.SUBSCRIPTION_MISMATCH, HttpStatus.BAD_REQUEST,
                        "SubscriptionId does not belong to this notification URL");
            }
            outbound = records.build(state, notifications, context);
        } catch (MalformedNotificationException | IllegalArgumentException e) {
            log.info("Malformed push for subscription {}: {}", state.id(), e.getMessage());
            return reject(Rejection.MALFORMED, HttpStatus.BAD_REQUEST, "malformed SendNotification: " + e.getMessage());
        }
        try {
            publisher.publish(outbound, context);
        } catch (NotAcknowledgedException e) {
            log.warn("Push for subscription {} not acknowledged by Kafka: {}", state.id(), e.getMessage());
            return reject(Rejection.KAFKA_UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE, "not stored, retry later");
        }
        metrics.accepted(Source.EWS);
        log.debug("Push for subscription {}: {} records acknowledged", state.id(), outbound.size());
        return EwsAnswers.ok();
    }

    private ResponseEntity<String> reject(Rejection reason, HttpStatus status, String message) {
        metrics.rejected(Source.EWS, reason);
        log.debug("EWS push rejected: {} ({})", reason, status.value());
        return EwsAnswers.fault(status, message);
    }
}
