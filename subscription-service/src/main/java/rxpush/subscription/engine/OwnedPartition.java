package rxpush.subscription.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A partition this instance owns: its owner epoch, the fenced store every write goes through, its
 * mailboxes, and the count of actions in flight (so a release can wait for them). {@code active}
 * turns false for good when the partition is released or another instance fenced the store.
 */
final class OwnedPartition {

    final int partition;
    final long epoch;
    final PartitionStore store;
    final Set<String> mailboxes = ConcurrentHashMap.newKeySet();
    volatile boolean active = true;
    private int inFlight;

    OwnedPartition(int partition, long epoch, PartitionStore store) {
        this.partition = partition;
        this.epoch = epoch;
        this.store = store;
    }

    synchronized void started() {
        inFlight++;
    }

    synchronized void ended() {
        inFlight--;
        notifyAll();
    }

    /** Waits (real time, bounded) for in-flight actions to end. */
    synchronized void awaitIdle(long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (inFlight > 0) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
