package rxpush.subscription.engine;

import java.util.List;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.SubscriptionState;

/**
 * What one atomic write of a partition carries: subscription records, tombstones of subscription
 * ids, and RESYNC requests for the forwarder.
 */
public record Batch(List<SubscriptionState> states, List<String> tombstones, List<ChangeNotification> resyncs) {

    public Batch {
        states = List.copyOf(states);
        tombstones = List.copyOf(tombstones);
        resyncs = List.copyOf(resyncs);
    }

    public static Batch of(SubscriptionState... states) {
        return new Batch(List.of(states), List.of(), List.of());
    }

    public Batch withResync(ChangeNotification resync) {
        return new Batch(states, tombstones, resync == null ? resyncs
                : java.util.stream.Stream.concat(resyncs.stream(), java.util.stream.Stream.of(resync)).toList());
    }

    public boolean isEmpty() {
        return states.isEmpty() && tombstones.isEmpty() && resyncs.isEmpty();
    }
}
