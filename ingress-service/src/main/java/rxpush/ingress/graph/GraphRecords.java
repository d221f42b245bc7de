package rxpush.ingress.graph;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.ChangeType;
import rxpush.common.contract.LifecycleEvent;
import rxpush.common.contract.LifecycleNotification;
import rxpush.common.contract.SchemaVersions;
import rxpush.common.contract.SecretHash;
import rxpush.common.contract.Source;
import rxpush.common.contract.SubscriptionState;
import rxpush.common.kafka.Topics;
import rxpush.ingress.kafka.NotificationIds;
import rxpush.ingress.kafka.OutboundRecord;
import rxpush.ingress.kafka.RequestContext;
import rxpush.ingress.ops.Rejection;
import rxpush.ingress.registry.SubscriptionRegistry;

/**
 * Checks one item of a Graph POST and turns it into a record, or says why it is dropped.
 *
 * <p>Every item is checked on its own (one POST may carry several subscriptions): its subscription
 * must be known and its clientState must match that subscription's, compared in constant time
 * over the hashes ({@link SecretHash#matches}). Change notifications go to
 * {@link Topics#NOTIFICATIONS}, lifecycle notifications to {@link Topics#LIFECYCLE}, both keyed by
 * the subscription's mailbox. The notification ids hash what Graph repeats on a redelivery
 * (subscription, change type or lifecycle event, item id, etag or expiry). The subscription's
 * status is not checked: a notification of a replaced (OBSOLETE) subscription that still arrives
 * is a real change of its mailbox, and a duplicate hint costs the forwarder one read.
 */
final class GraphRecords {

    /** What became of one item. */
    sealed interface Outcome permits Accepted, Dropped {
    }

    /** The item is valid: this record goes to Kafka. */
    record Accepted(OutboundRecord record) implements Outcome {
    }

    /**
     * The item produces nothing. {@code subscription} is the registry's record when the item named a
     * known one (its id is what the log shows: the ids in the item are attacker-chosen text), else
     * null.
     */
    record Dropped(Rejection reason, SubscriptionState subscription) implements Outcome {
    }

    private static final String VALIDATION_PREFIX = "Validation:";

    private final SubscriptionRegistry registry;

    GraphRecords(SubscriptionRegistry registry) {
        this.registry = registry;
    }

    Outcome map(GraphItem item, RequestContext request) {
        String subscriptionId = item.subscriptionId();
        String changeType = item.text("changeType");
        if (!item.isLifecycle() && changeType != null && changeType.startsWith(VALIDATION_PREFIX)) {
            // The reachability message Graph sends to Event Hubs when a subscription is created.
            return new Dropped(Rejection.VALIDATION_MESSAGE, null);
        }
        if (subscriptionId == null) {
            return new Dropped(Rejection.MALFORMED_ITEM, null);
        }
        SubscriptionState state = registry.forGraphSubscription(subscriptionId).orElse(null);
        if (state == null) {
            // Notified before the subscription service recorded Graph's id: the clientState names it.
            state = registry.forPendingGraphClientState(item.clientState()).orElse(null);
            if (state == null) {
                return new Dropped(Rejection.UNKNOWN_SUBSCRIPTION, null);
            }
        } else if (!SecretHash.matches(item.clientState(), state.clientStateHash())) {
            return new Dropped(Rejection.CLIENT_STATE_MISMATCH, state);
        }
        try {
            return item.isLifecycle() ? lifecycle(item, state, request) : change(item, changeType, state, request);
        } catch (IllegalArgumentException e) {
            // the contract refused the values (e.g. a blank item id)
            return new Dropped(Rejection.MALFORMED_ITEM, state);
        }
    }

    private static Outcome change(GraphItem item, String changeType, SubscriptionState state, RequestContext request) {
        ChangeType type = changeType(changeType);
        if (type == null) {
            return new Dropped(Rejection.UNSUPPORTED_TYPE, state);
        }
        String itemId = item.itemId();
        if (itemId == null) {
            return new Dropped(Rejection.MALFORMED_ITEM, state);
        }
        String etag = item.resourceData("@odata.etag");
        ChangeNotification value = new ChangeNotification(SchemaVersions.CURRENT,
                NotificationIds.of("graph-", item.subscriptionId(), changeType, itemId, etag), Source.GRAPH,
                state.mailbox(), item.subscriptionId(), type, itemId, null, etag, null, null, null,
                request.receivedAt(), null);
        return new Accepted(new OutboundRecord(Topics.NOTIFICATIONS, value.key(), value, item.subscriptionId()));
    }

    private static Outcome lifecycle(GraphItem item, SubscriptionState state, RequestContext request) {
        LifecycleEvent event = LifecycleEvent.fromGraph(item.text("lifecycleEvent"));
        if (event == null) {
            return new Dropped(Rejection.UNSUPPORTED_TYPE, state);
        }
        String expiration = item.text("subscriptionExpirationDateTime");
        LifecycleNotification value = new LifecycleNotification(SchemaVersions.CURRENT,
                NotificationIds.of("graph-lifecycle-", item.subscriptionId(), event.graphName(), expiration),
                state.mailbox(), item.subscriptionId(), event, instant(expiration), request.receivedAt());
        return new Accepted(new OutboundRecord(Topics.LIFECYCLE, value.key(), value, item.subscriptionId()));
    }

    /** Graph's basic change types; anything else (e.g. a comma list) is not handled. */
    private static ChangeType changeType(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "created" -> ChangeType.CREATED;
            case "updated" -> ChangeType.UPDATED;
            case "deleted" -> ChangeType.DELETED;
            default -> null;
        };
    }

    /** Graph's date-times carry an offset and up to 7 fraction digits; unreadable ones are left out. */
    private static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
