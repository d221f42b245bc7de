package rxpush.subscription.engine;

import java.util.concurrent.CompletableFuture;

/**
 * The fenced, atomic writer of one owned partition: every state change goes through it. In
 * production a Kafka transactional producer whose transactional.id is bound to the partition.
 */
public interface PartitionStore {

    /**
     * Writes the batch atomically and returns once it is committed.
     *
     * @throws OwnershipLostException when another instance owns the partition now (nothing written)
     * @throws RuntimeException       when the write failed for a transient reason (nothing written)
     */
    void write(Batch batch);

    /** Queues the batch; the future completes when it is committed or fails as {@link #write} would. */
    CompletableFuture<Void> submit(Batch batch);
}
