package rxpush.common.contract;

import java.time.Instant;

/**
 * A checked Graph lifecycle notification. Topic {@code rxpush.lifecycle}, key = lowercased mailbox.
 *
 * @param notificationId         stable id for dedupe (repeats of one event carry the same id)
 * @param mailbox                the mailbox whose subscription it concerns
 * @param subscriptionId         Graph's subscription id
 * @param event                  which lifecycle event
 * @param subscriptionExpiresAt  Graph's subscriptionExpirationDateTime, when given
 * @param receivedAt             when ingress received it
 */
public record LifecycleNotification(int schemaVersion, String notificationId, String mailbox,
        String subscriptionId, LifecycleEvent event, Instant subscriptionExpiresAt, Instant receivedAt) {

    public LifecycleNotification {
        schemaVersion = SchemaVersions.check(schemaVersion, "LifecycleNotification");
        Require.text(notificationId, "notificationId");
        mailbox = Require.mailbox(mailbox, "mailbox");
        Require.text(subscriptionId, "subscriptionId");
        Require.present(event, "event");
        Require.present(receivedAt, "receivedAt");
    }

    public String key() {
        return mailbox;
    }
}
