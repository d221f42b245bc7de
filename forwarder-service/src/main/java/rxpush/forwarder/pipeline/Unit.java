package rxpush.forwarder.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import rxpush.common.contract.ChangeNotification;

/**
 * All hints of one batch about one item: they lead to one fetch (or none, when the item is known to be
 * deleted) and at most one request to RX.
 */
final class Unit {

    final String itemId;
    final List<Hint> hints = new ArrayList<>();
    /** A DELETED hint, or a MOVED hint naming this as the old id: the item is gone, no fetch needed. */
    boolean deleted;
    private Instant firstReceived;
    private Instant firstObserved;

    Unit(String itemId) {
        this.itemId = itemId;
    }

    void add(Hint hint, boolean deletion) {
        hints.add(hint);
        deleted |= deletion;
        ChangeNotification n = hint.notification();
        Instant received = hint.receivedAt();
        Instant observed = n.eventTime() != null ? n.eventTime() : received;
        firstReceived = firstReceived == null || received.isBefore(firstReceived) ? received : firstReceived;
        firstObserved = firstObserved == null || observed.isBefore(firstObserved) ? observed : firstObserved;
    }

    /** When the first hint of this change was received by ingress (freshness starts here). */
    Instant firstReceived() {
        return firstReceived;
    }

    /**
     * When Exchange says the change happened, else when it was received: X-Deleted-At. Taken from the
     * records, not the clock, so a replayed deletion sends the same request.
     */
    Instant firstObserved() {
        return firstObserved;
    }
}
