package rxpush.ingress.registry;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import rxpush.common.contract.Protocol;
import rxpush.common.contract.SecretHash;
import rxpush.common.contract.SubscriptionState;
import rxpush.common.contract.SubscriptionStatus;

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
    /**
     * PENDING Graph subscriptions by clientState hash: Graph may notify between answering the create
     * and the subscription service recording Graph's id, and the clientState (fresh per subscription)
     * is what identifies the subscription then.
     */
    private final Map<String, SubscriptionState> pendingGraphByClientStateHash = new ConcurrentHashMap<>();
    /**
     * Graph subscriptions made before notification URLs carried a per-subscription token: only they
     * may still post to the shared {@code /graph/notifications} path.
     */
    private final Set<String> sharedPathGraphIds = ConcurrentHashMap.newKeySet();
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
        return forToken(token, Protocol.EWS);
    }

    /** The Graph subscription whose notificationUrl carries {@code token}. */
    public Optional<SubscriptionState> forGraphToken(String token) {
        return forToken(token, Protocol.GRAPH);
    }

    private Optional<SubscriptionState> forToken(String token, Protocol protocol) {
        return Optional.ofNullable(byTokenHash.get(SecretHash.hash(token))).filter(s -> s.protocol() == protocol);
    }

    /**
     * True while some Graph subscription was made without a token in its notificationUrl (by a
     * subscription service older than the per-subscription path): only then is the shared path served.
     */
    public boolean servesSharedGraphPath() {
        return !sharedPathGraphIds.isEmpty();
    }

    /** The Graph subscription with Graph's id {@code subscriptionId}. */
    public Optional<SubscriptionState> forGraphSubscription(String subscriptionId) {
        return Optional.ofNullable(byGraphSubscriptionId.get(subscriptionId));
    }

    /**
     * The PENDING Graph subscription whose clientState this is, for a notification whose subscription id
     * is not recorded yet. Looked up by the presented value's hash, so no secret is compared in the clear.
     */
    public Optional<SubscriptionState> forPendingGraphClientState(String clientState) {
        return clientState == null ? Optional.empty()
                : Optional.ofNullable(pendingGraphByClientStateHash.get(SecretHash.hash(clientState)));
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
            if (state.ingressTokenHash() != null) {
                byTokenHash.put(state.ingressTokenHash(), state);
            } else if (state.protocol() == Protocol.GRAPH) {
                sharedPathGraphIds.add(state.id());
            }
            if (state.protocol() == Protocol.EWS) {
                return;
            }
            if (state.subscriptionId() != null) {
                byGraphSubscriptionId.put(state.subscriptionId(), state);
            } else if (state.status() == SubscriptionStatus.PENDING && state.clientStateHash() != null) {
                pendingGraphByClientStateHash.put(state.clientStateHash(), state);
            }
        }
    }

    /** Removes index entries that still point at this record (a newer one may have taken the key). */
    private void unindex(SubscriptionState old) {
        sharedPathGraphIds.remove(old.id());
        if (old.ingressTokenHash() != null) {
            byTokenHash.computeIfPresent(old.ingressTokenHash(), (k, v) -> v.id().equals(old.id()) ? null : v);
        }
        if (old.subscriptionId() != null) {
            byGraphSubscriptionId.computeIfPresent(old.subscriptionId(), (k, v) -> v.id().equals(old.id()) ? null : v);
        }
        if (old.clientStateHash() != null) {
            pendingGraphByClientStateHash.computeIfPresent(old.clientStateHash(), (k, v) -> v.id().equals(old.id()) ? null : v);
        }
    }
}
