package rxpush.ingress.registry;

import rxpush.common.contract.SubscriptionState;

/** A loaded registry holding the given states, for unit tests of the endpoints' checks. */
public final class Registries {

    private Registries() {
    }

    public static SubscriptionRegistry loaded(SubscriptionState... states) {
        SubscriptionRegistry registry = new SubscriptionRegistry();
        for (SubscriptionState state : states) {
            registry.apply(state.id(), state);
        }
        registry.markLoaded();
        return registry;
    }
}
