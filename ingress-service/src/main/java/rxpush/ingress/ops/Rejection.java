package rxpush.ingress.ops;

import java.util.Locale;

/**
 * Why a notification request, or one item of it, was not accepted: the {@code reason} tag of the
 * rejection metrics. Never carries request data.
 */
public enum Rejection {
    /** The subscription registry is still loading after start-up (503). */
    REGISTRY_LOADING,
    /** The token in the URL is not a known subscription's, or the path is not served (404). */
    UNKNOWN_TOKEN,
    /** More requests or body bytes in flight than rxpush.ingress.max-in-flight-* allow (503). */
    OVERLOADED,
    /** The body did not arrive within rxpush.ingress.body-read-timeout (408). */
    BODY_TIMEOUT,
    /** More items in one Graph POST than rxpush.ingress.graph-max-items (413). */
    TOO_MANY_ITEMS,
    /** The subscription spent its item budget (rxpush.ingress.graph-items-per-second, 429). */
    RATE_LIMITED,
    /** The Content-Type is not the endpoint's (415). */
    UNSUPPORTED_MEDIA_TYPE,
    /** The body is larger than rxpush.ingress.max-body-size (413). */
    TOO_LARGE,
    /** The body is not a well-formed, safe document of the expected kind (400). */
    MALFORMED,
    /** The EWS push names another subscription than the token was issued for (400). */
    SUBSCRIPTION_MISMATCH,
    /** The EWS subscription is obsolete: answered Unsubscribe, nothing produced. */
    OBSOLETE,
    /** Kafka did not acknowledge in time, or failed (503). */
    KAFKA_UNAVAILABLE,
    /** Graph item for a subscription the registry does not know (dropped). */
    UNKNOWN_SUBSCRIPTION,
    /** Graph item whose clientState does not match its subscription's (dropped). */
    CLIENT_STATE_MISMATCH,
    /** Graph item with a changeType or lifecycleEvent rx-push does not handle (dropped). */
    UNSUPPORTED_TYPE,
    /** Graph item posted on another subscription's URL, or a tokenized one on the shared path (dropped). */
    WRONG_PATH,
    /** Graph item without the fields it needs, or with ids of the wrong shape or length (dropped). */
    MALFORMED_ITEM,
    /** The Event Hubs validation message, which carries no change (dropped). */
    VALIDATION_MESSAGE;

    /** The metric tag value. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
