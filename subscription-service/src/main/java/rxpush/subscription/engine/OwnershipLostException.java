package rxpush.subscription.engine;

/**
 * A write was refused because another instance now owns the partition (its transactional producer
 * fenced ours). Nothing of the refused write is visible; the caller stops working those mailboxes.
 */
public class OwnershipLostException extends RuntimeException {

    private final int partition;

    public OwnershipLostException(int partition, Throwable cause) {
        super("partition " + partition + " is owned by another instance now", cause);
        this.partition = partition;
    }

    public int partition() {
        return partition;
    }
}
