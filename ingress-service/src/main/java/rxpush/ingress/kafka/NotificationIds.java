package rxpush.ingress.kafka;

import rxpush.common.contract.SecretHash;

/**
 * Stable notification ids: the same notification delivered twice (a retry by Exchange or Graph, or
 * the same push answered by two instances) gets the same id, so consumers can drop the duplicate.
 * The id is derived only from what the sender puts in the notification, never from time or chance.
 */
public final class NotificationIds {

    private NotificationIds() {
    }

    /**
     * {@code prefix} + base64url(SHA-256) of the parts, each length-prefixed so that ("ab", "c")
     * and ("a", "bc") differ; a null part counts as empty.
     */
    public static String of(String prefix, String... parts) {
        StringBuilder joined = new StringBuilder();
        for (String part : parts) {
            String text = part == null ? "" : part;
            joined.append(text.length()).append(':').append(text);
        }
        return prefix + SecretHash.hash(joined.toString());
    }
}
