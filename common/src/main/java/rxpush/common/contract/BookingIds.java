package rxpush.common.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * Deterministic, URL-safe ids for ResourceXpress: the same Exchange item always maps to the same
 * booking, and the same item version always yields the same Idempotency-Key, so a replayed or
 * duplicated notification produces the same request.
 */
public final class BookingIds {

    /** The contract's limit for bookingId. */
    public static final int MAX_LENGTH = 128;

    private BookingIds() {
    }

    /** {@code bk-} + base64url(SHA-256(lowercased mailbox, item id)): 46 characters. */
    public static String bookingId(String mailbox, String itemId) {
        return "bk-" + digest(mailbox.toLowerCase(Locale.ROOT), itemId);
    }

    /**
     * The Idempotency-Key of one write: {@code version} is the item's change key (or etag, or
     * lastModified), or a marker such as {@code deleted} for a DELETE.
     */
    public static String idempotencyKey(String mailbox, String itemId, String version) {
        return "ik-" + digest(mailbox.toLowerCase(Locale.ROOT), itemId, version);
    }

    static String digest(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                // Length-prefix each part so ("ab","c") and ("a","bc") never collide.
                sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) ':');
                sha.update(bytes);
            }
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
