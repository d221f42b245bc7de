package rxpush.forwarder.pipeline;

import java.time.Instant;
import rxpush.forwarder.ForwarderSettings;

/**
 * The part of a calendar RX mirrors: from {@code rxpush.forwarder.resync-back} before now to {@code resync-ahead}
 * after it. It rolls with the clock: what enters it as days pass is added by the next RESYNC of the
 * mailbox (the periodic reconcile requests one per mailbox and day).
 */
record SyncWindow(Instant from, Instant to) {

    static SyncWindow at(Instant now, ForwarderSettings settings) {
        return new SyncWindow(now.minus(settings.resyncBack()), now.plus(settings.resyncAhead()));
    }
}
