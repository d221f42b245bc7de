package rxpush.ingress.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import rxpush.common.contract.Protocol;
import rxpush.common.contract.SchemaVersions;
import rxpush.common.contract.SecretHash;
import rxpush.common.contract.SubscriptionHealth;
import rxpush.common.contract.SubscriptionState;
import rxpush.common.contract.SubscriptionStatus;

class SubscriptionRegistryTest {

    private final SubscriptionRegistry registry = new SubscriptionRegistry();

    @Test
    void findsEwsByTokenAndGraphBySubscriptionId() {
        registry.apply("a", ews("a", "token-a"));
        registry.apply("b", graph("b", "graph-b"));

        assertThat(registry.forEwsToken("token-a")).hasValueSatisfying(s -> assertThat(s.id()).isEqualTo("a"));
        assertThat(registry.forEwsToken("token-b")).isEmpty();
        assertThat(registry.forGraphSubscription("graph-b")).hasValueSatisfying(s -> assertThat(s.id()).isEqualTo("b"));
        assertThat(registry.forGraphSubscription("ews-a")).as("EWS ids are not in the Graph index").isEmpty();
        assertThat(registry.size()).isEqualTo(2);
        assertThat(registry.loaded()).isFalse();
    }

    @Test
    void tombstoneRemovesEveryIndexEntry() {
        registry.apply("a", ews("a", "token-a"));
        registry.apply("b", graph("b", "graph-b"));

        registry.apply("a", null);
        registry.apply("b", null);

        assertThat(registry.forEwsToken("token-a")).isEmpty();
        assertThat(registry.forGraphSubscription("graph-b")).isEmpty();
        assertThat(registry.size()).isZero();
    }

    @Test
    void removingAnOldRecordKeepsTheNewerOwnerOfTheKey() {
        // Graph ids are unique, but a re-created record may briefly share one with the old record.
        registry.apply("old", graph("old", "graph-x"));
        registry.apply("new", graph("new", "graph-x"));

        registry.apply("old", null);

        assertThat(registry.forGraphSubscription("graph-x")).hasValueSatisfying(s -> assertThat(s.id()).isEqualTo("new"));
    }

    @Test
    void changedTokenReplacesTheOldOne() {
        registry.apply("a", ews("a", "token-1"));
        registry.apply("a", ews("a", "token-2"));

        assertThat(registry.forEwsToken("token-1")).isEmpty();
        assertThat(registry.forEwsToken("token-2")).isPresent();
    }

    private static SubscriptionState ews(String id, String token) {
        return new SubscriptionState(SchemaVersions.CURRENT, id, "a@example.com", Protocol.EWS, "ews-" + id,
                SubscriptionStatus.ACTIVE, Instant.EPOCH, null, null, null, 1, SecretHash.hash(token), null,
                SubscriptionHealth.HEALTHY, null, null, null, Instant.EPOCH);
    }

    private static SubscriptionState graph(String id, String subscriptionId) {
        return new SubscriptionState(SchemaVersions.CURRENT, id, "b@example.com", Protocol.GRAPH, subscriptionId,
                SubscriptionStatus.ACTIVE, Instant.EPOCH, null, null, null, 1, null, SecretHash.hash("cs"),
                SubscriptionHealth.HEALTHY, null, null, null, Instant.EPOCH);
    }
}
