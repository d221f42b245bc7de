package rxpush.ingress.graph;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;
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

    /** The item is valid: this record goes to Kafka, on {@code state}'s budget. */
    record Accepted(OutboundRecord record, SubscriptionState state) implements Outcome {
    }

    /**
     * The item produces nothing. {@code subscription} is the registry's record when the item named a
     * known one (its id is what the log shows: the ids in the item are attacker-chosen text), else
     * null.
     */
    record Dropped(Rejection reason, SubscriptionState subscription) implements Outcome {
    }

    private static final String VALIDATION_PREFIX = "Validation:";
    /**
     * Graph subscription ids are GUIDs (Microsoft's documented examples use placeholders such as
     * {@code <subscription_guid>}): printable ASCII without space, quote or backslash, at most 64
     * characters; anything else is not Graph's and is not looked up.
     */
    private static final Pattern SUBSCRIPTION_ID = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,64}");
    /** Graph item ids (REST or immutable) are base64 of a few hundred characters: the same alphabet, at most 512. */
    private static final Pattern ITEM_ID = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,512}");
    /** Graph allows a clientState of at most 128 characters; ours are 43. */
    static final int MAX_CLIENT_STATE = 128;
    static final int MAX_ETAG = 256;

    private final SubscriptionRegistry registry;

    GraphRecords(SubscriptionRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param bound the subscription whose tokenized URL the item was posted to; null for the shared
     *              path, which only subscriptions without a token in their URL may use
     */
    Outcome map(GraphItem item, RequestContext request, SubscriptionState bound) {
        String subscriptionId = item.subscriptionId();
        String changeType = item.text("changeType");
        if (!item.isLifecycle() && changeType != null && changeType.startsWith(VALIDATION_PREFIX)) {
            // The reachability message Graph sends to Event Hubs when a subscription is created.
            return new Dropped(Rejection.VALIDATION_MESSAGE, null);
        }
        String clientState = item.clientState();
        if (subscriptionId == null || !SUBSCRIPTION_ID.matcher(subscriptionId).matches()
                || (clientState != null && clientState.length() > MAX_CLIENT_STATE)) {
            return new Dropped(Rejection.MALFORMED_ITEM, null);
        }
        SubscriptionState state = registry.forGraphSubscription(subscriptionId).orElse(null);
        if (state == null) {
            // Notified before the subscription service recorded Graph's id: the clientState names it.
            state = registry.forPendingGraphClientState(clientState).orElse(null);
            if (state == null) {
                return new Dropped(Rejection.UNKNOWN_SUBSCRIPTION, null);
            }
        } else if (!SecretHash.matches(clientState, state.clientStateHash())) {
            return new Dropped(Rejection.CLIENT_STATE_MISMATCH, state);
        }
        if (bound == null ? state.ingressTokenHash() != null : !bound.id().equals(state.id())) {
            // One subscription's secret URL carries only its own items, and a leaked clientState of a
            // tokenized subscription is useless on the shared path.
            return new Dropped(Rejection.WRONG_PATH, state);
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
        String etag = item.resourceData("@odata.etag");
        if (itemId == null || !ITEM_ID.matcher(itemId).matches() || (etag != null && etag.length() > MAX_ETAG)) {
            return new Dropped(Rejection.MALFORMED_ITEM, state);
        }
        ChangeNotification value = new ChangeNotification(SchemaVersions.CURRENT,
                NotificationIds.of("graph-", item.subscriptionId(), changeType, itemId, etag), Source.GRAPH,
                state.mailbox(), item.subscriptionId(), type, itemId, null, etag, null, null, null,
                request.receivedAt(), null);
        return new Accepted(new OutboundRecord(Topics.NOTIFICATIONS, value.key(), value, item.subscriptionId()), state);
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
        return new Accepted(new OutboundRecord(Topics.LIFECYCLE, value.key(), value, item.subscriptionId()), state);
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
