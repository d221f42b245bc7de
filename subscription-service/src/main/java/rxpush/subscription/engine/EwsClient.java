package rxpush.subscription.engine;

import java.net.URI;

/** EWS Subscribe for one mailbox's calendar folder (push). */
public interface EwsClient {

    /** What Exchange answered. */
    record Subscribed(String subscriptionId, String watermark) {
    }

    /**
     * Subscribes the mailbox's calendar folder to push notifications.
     *
     * @param mailbox           the lowercased SMTP address
     * @param url               where Exchange pushes (carries the secret token: never log it)
     * @param statusFrequency   minutes between StatusEvents when idle (1-1440)
     * @param watermark         resume after this watermark (Exchange replays later events), or null
     */
    Subscribed subscribe(String mailbox, URI url, int statusFrequency, String watermark) throws ExchangeException;
}
