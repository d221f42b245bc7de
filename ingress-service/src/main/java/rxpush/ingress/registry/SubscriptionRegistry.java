package rxpush.ingress.registry;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import rxpush.common.contract.Protocol;
import rxpush.common.contract.SecretHash;
import rxpush.common.contract.SubscriptionState;

/**
 * The subscriptions ingress knows, materialized from the compacted {@code rxpush.subscriptions}
 * topic by {@link RegistryFollower}: who an EWS token or a Graph subscription id belongs to.
 *
 * <p>Secrets are never held in the clear. An EWS token is looked up by its hash (a map lookup on a
 * SHA-256 value leaks nothing useful about the token through timing: the attacker does not control
 * the hash). A Graph clientState is checked with {@link SecretHash#matches}, constant time over the
 * hashes.
 *
 * <p>Written by one thread (the follower), read by request threads. Until {@link #loaded()} the
 * view may lack subscriptions, so the endpoints answer 503 rather than 404 or Unsubscribe.
 */
public class SubscriptionRegistry {

    private final Map<String, SubscriptionState> byId = new ConcurrentHashMap<>();
    private final Map<String, SubscriptionState> byTokenHash = new ConcurrentHashMap<>();
    private final Map<String, SubscriptionState> byGraphSubscriptionId = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    /** True once every subscription written before this instance started has been read. */
    public boolean loaded() {
        return loaded;
    }

    /** How many subscriptions are known (for health details). */
    public int size() {
        return byId.size();
    }

    /** The EWS subscription whose NotificationUrl carries {@code token}. */
    public Optional<SubscriptionState> forEwsToken(String token) {
        return Optional.ofNullable(byTokenHash.get(SecretHash.hash(token)));
    }

    /** The Graph subscription with Graph's id {@code subscriptionId}. */
    public Optional<SubscriptionState> forGraphSubscription(String subscriptionId) {
        return Optional.ofNullable(byGraphSubscriptionId.get(subscriptionId));
    }

    void markLoaded() {
        loaded = true;
    }

    /** Applies one record of the topic: a new state for {@code id}, or its removal (null). */
    void apply(String id, SubscriptionState state) {
        SubscriptionState previous = state == null ? byId.remove(id) : byId.put(id, state);
        if (previous != null) {
            unindex(previous);
        }
        if (state != null) {
            if (state.protocol() == Protocol.EWS) {
                byTokenHash.put(state.ingressTokenHash(), state);
            } else if (state.subscriptionId() != null) {
                byGraphSubscriptionId.put(state.subscriptionId(), state);
            }
        }
    }

    /** Removes index entries that still point at this record (a newer one may have taken the key). */
    private void unindex(SubscriptionState old) {
        if (old.ingressTokenHash() != null) {
            byTokenHash.computeIfPresent(old.ingressTokenHash(), (k, v) -> v.id().equals(old.id()) ? null : v);
        }
        if (old.subscriptionId() != null) {
            byGraphSubscriptionId.computeIfPresent(old.subscriptionId(), (k, v) -> v.id().equals(old.id()) ? null : v);
        }
    }
}
