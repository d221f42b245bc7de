package rxpush.common.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsAndSecretsTest {

    @Test
    void bookingIdIsDeterministicUrlSafeAndWithinTheContractLimit() {
        String id = BookingIds.bookingId("Room.101@Contoso.com", "AAMkAD" + "x".repeat(400));
        assertThat(id).isEqualTo(BookingIds.bookingId("room.101@contoso.com", "AAMkAD" + "x".repeat(400)));
        assertThat(id).matches("[A-Za-z0-9_-]+").hasSizeLessThanOrEqualTo(BookingIds.MAX_LENGTH);
    }

    @Test
    void differentItemsOrMailboxesGetDifferentIds() {
        assertThat(BookingIds.bookingId("a@b.c", "item1")).isNotEqualTo(BookingIds.bookingId("a@b.c", "item2"));
        assertThat(BookingIds.bookingId("a@b.c", "item1")).isNotEqualTo(BookingIds.bookingId("x@b.c", "item1"));
        // Length-prefixed parts: moving a character between parts changes the digest.
        assertThat(BookingIds.digest("ab", "c")).isNotEqualTo(BookingIds.digest("a", "bc"));
    }

    @Test
    void idempotencyKeyChangesWithTheVersionOnly() {
        String v1 = BookingIds.idempotencyKey("a@b.c", "item", "ck1");
        assertThat(BookingIds.idempotencyKey("A@B.C", "item", "ck1")).isEqualTo(v1);
        assertThat(BookingIds.idempotencyKey("a@b.c", "item", "ck2")).isNotEqualTo(v1);
    }

    @Test
    void secretsAreLongRandomAndOnlyTheirHashMatches() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String secret = SecretHash.newSecret();
            assertThat(secret).matches("[A-Za-z0-9_-]{43}");
            assertThat(seen.add(secret)).isTrue();
        }
        String secret = SecretHash.newSecret();
        String hash = SecretHash.hash(secret);
        assertThat(hash).isNotEqualTo(secret);
        assertThat(SecretHash.matches(secret, hash)).isTrue();
        assertThat(SecretHash.matches(secret + "x", hash)).isFalse();
        assertThat(SecretHash.matches(null, hash)).isFalse();
        assertThat(SecretHash.matches(secret, null)).isFalse();
    }
}
