package rxpush.subscription.engine;

import java.util.concurrent.CompletableFuture;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.Protocol;

/**
 * Reports each RESYNC request once its batch is committed: every RESYNC the engine asks for travels
 * through the owned partition's store, so counting here misses none and counts none that failed.
 */
final class CountingStore implements PartitionStore {

    private final PartitionStore store;
    private final SubscriptionEngine engine;

    CountingStore(PartitionStore store, SubscriptionEngine engine) {
        this.store = store;
        this.engine = engine;
    }

    @Override
    public void write(Batch batch) {
        store.write(batch);
        committed(batch);
    }

    @Override
    public CompletableFuture<Void> submit(Batch batch) {
        return store.submit(batch).thenRun(() -> committed(batch));
    }

    private void committed(Batch batch) {
        for (ChangeNotification resync : batch.resyncs()) {
            engine.events.resyncRequested(Protocol.valueOf(resync.source().name()));
        }
    }
}
