package rxpush.common.contract;

import java.time.Instant;

/**
 * A mailbox rx-push should keep in sync. Topic {@code rxpush.mailboxes} (compacted), key = the
 * lowercased address; a tombstone (null value) removes the mailbox.
 *
 * @param address   SMTP address, stored lowercased
 * @param protocol  EWS or GRAPH
 * @param enabled   false keeps the registration but removes the subscription
 * @param updatedAt when this registration was last written
 */
public record MailboxRegistration(int schemaVersion, String address, Protocol protocol, boolean enabled,
        Instant updatedAt) {

    public MailboxRegistration {
        schemaVersion = SchemaVersions.check(schemaVersion, "MailboxRegistration");
        address = Require.mailbox(address, "address");
        Require.present(protocol, "protocol");
        Require.present(updatedAt, "updatedAt");
    }

    public static MailboxRegistration of(String address, Protocol protocol, boolean enabled, Instant at) {
        return new MailboxRegistration(SchemaVersions.CURRENT, address, protocol, enabled, at);
    }

    public String key() {
        return address;
    }
}
