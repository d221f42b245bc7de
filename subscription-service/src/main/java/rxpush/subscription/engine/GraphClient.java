package rxpush.subscription.engine;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/** Microsoft Graph subscription requests for mailbox calendars. */
public interface GraphClient {

    /** A subscription as Graph describes it. {@code mailbox} is null when the resource is not a mailbox's events. */
    record Subscription(String id, String mailbox, URI notificationUrl, Instant expiresAt) {
    }

    /**
     * POST /subscriptions for /users/{mailbox}/events, notifying {@code {notification-url}/{urlToken}}
     * and {@code {lifecycle-url}/{urlToken}}. The clientState and the URL token are secrets: never
     * log them.
     */
    Subscription create(String mailbox, String clientState, String urlToken, Instant expiresAt) throws ExchangeException;

    /** PATCH /subscriptions/{id}: the new expiry Graph granted. NOT_FOUND when Graph no longer has it. */
    Instant renew(String subscriptionId, Instant expiresAt) throws ExchangeException;

    /** DELETE /subscriptions/{id}; a subscription already gone counts as deleted. */
    void delete(String subscriptionId) throws ExchangeException;

    /** Every subscription of this app (GET /subscriptions, all pages). */
    List<Subscription> list() throws ExchangeException;
}
