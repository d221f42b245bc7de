package rxpush.common.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets exchanged with Exchange and Graph (the EWS NotificationUrl token, the Graph clientState):
 * generated here, stored only as hashes, compared in constant time.
 */
public final class SecretHash {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretHash() {
    }

    /** A new URL-safe secret of 256 random bits (43 characters). */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** base64url(SHA-256(secret)); random secrets of 128+ bits need no salt or stretching. */
    public static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** True when {@code presented} hashes to {@code expectedHash}; constant time in the hash length. */
    public static boolean matches(String presented, String expectedHash) {
        if (presented == null || expectedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(presented).getBytes(StandardCharsets.US_ASCII),
                expectedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
