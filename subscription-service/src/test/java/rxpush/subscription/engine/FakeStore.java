package rxpush.subscription.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.SubscriptionState;
import rxpush.common.contract.SubscriptionStatus;

/**
 * An in-memory {@link PartitionStore}: the registry as it would be after the committed writes, the
 * RESYNC records, and injectable failures (transient, or fencing).
 */
final class FakeStore implements PartitionStore {

    final int partition;
    final Map<String, SubscriptionState> registry = new LinkedHashMap<>();
    /** RESYNC requests other than backfills (which most tests are not about). */
    final List<ChangeNotification> resyncs = new ArrayList<>();
    /** The backfill RESYNCs written when a mailbox was subscribed. */
    final List<ChangeNotification> backfills = new ArrayList<>();
    final List<Batch> committed = new ArrayList<>();
    int failNext;
    boolean fenced;

    FakeStore(int partition) {
        this.partition = partition;
    }

    @Override
    public synchronized void write(Batch batch) {
        if (fenced) {
            throw new OwnershipLostException(partition, null);
        }
        if (failNext > 0) {
            failNext--;
            throw new IllegalStateException("simulated Kafka write failure");
        }
        committed.add(batch);
        batch.states().forEach(s -> registry.put(s.id(), s));
        batch.tombstones().forEach(registry::remove);
        batch.resyncs().forEach(r -> (Actions.BACKFILL_REASON.equals(r.reason()) ? backfills : resyncs).add(r));
    }

    @Override
    public CompletableFuture<Void> submit(Batch batch) {
        try {
            write(batch);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    synchronized List<SubscriptionState> of(String mailbox) {
        return registry.values().stream().filter(s -> s.mailbox().equals(mailbox)).toList();
    }

    synchronized Optional<SubscriptionState> active(String mailbox) {
        return of(mailbox).stream().filter(s -> s.status() == SubscriptionStatus.ACTIVE).findFirst();
    }

    synchronized List<SubscriptionState> withStatus(String mailbox, SubscriptionStatus status) {
        return of(mailbox).stream().filter(s -> s.status() == status).toList();
    }

    synchronized long resyncsFor(String mailbox) {
        return resyncs.stream().filter(r -> r.mailbox().equals(mailbox)).count();
    }
}
