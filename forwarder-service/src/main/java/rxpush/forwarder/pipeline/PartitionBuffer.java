package rxpush.forwarder.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import rxpush.common.contract.ChangeNotification;

/**
 * The records of one partition that are polled but not yet done, in offset order. Decides which are
 * ready (debounced) and which offset may be committed. Used by the consumer thread only.
 *
 * <p>Debounce: a record is ready once it is {@code debounce} old. A batch takes every ready record
 * and, with them, every later record about the same item: that later hint was received before the
 * fetch, so the fetch sees its change too, and the item is read once instead of twice. Batches can
 * therefore finish records out of offset order; the committable offset is the lowest offset not done.
 */
final class PartitionBuffer {

    private final TreeMap<Long, Entry> pending = new TreeMap<>();
    private long nextOffset = -1;

    /**
     * A pending hint with what every dispatch asks of it, computed once: with one busy mailbox the
     * buffer holds a debounce's worth of hints (4,000 at 2,000/s) and is scanned every poll.
     */
    private record Entry(Hint hint, Instant seenAt, List<String> keys) {
    }

    void add(Hint hint) {
        pending.put(hint.offset(), new Entry(hint, hint.seenAt(), itemKeys(hint)));
        nextOffset = Math.max(nextOffset, hint.offset() + 1);
    }

    int size() {
        return pending.size();
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** The ready records and their later duplicates, at most {@code max} ready ones, in offset order. */
    List<Hint> takeReady(Instant now, Duration debounce, int max) {
        return takeReady(now, debounce, max, mailbox -> false);
    }

    /** As above, leaving out the records of mailboxes {@code held} (parked until their next try). */
    List<Hint> takeReady(Instant now, Duration debounce, int max, Predicate<String> held) {
        List<Hint> batch = new ArrayList<>();
        Set<String> items = new HashSet<>();
        // ready: seenAt + debounce <= now, i.e. seenAt <= now - debounce (no Instant per hint)
        Instant readyUpTo = now.minus(debounce);
        long lastReady = -1;
        for (Entry entry : pending.values()) {
            if (batch.size() >= max) {
                break;
            }
            if (!entry.seenAt().isAfter(readyUpTo) && !isHeld(entry.hint(), held)) {
                batch.add(entry.hint());
                items.addAll(entry.keys());
                lastReady = entry.hint().offset();
            }
        }
        if (batch.isEmpty() || items.isEmpty()) {
            return batch;
        }
        // Every batch record has an offset up to lastReady, so what follows is not in it yet.
        for (Entry later : pending.tailMap(lastReady, false).values()) {
            if (isHeld(later.hint(), held)) {
                continue;
            }
            for (String key : later.keys()) {
                if (items.contains(key)) {
                    batch.add(later.hint());
                    break;
                }
            }
        }
        return batch;
    }

    private static boolean isHeld(Hint hint, Predicate<String> held) {
        return hint.notification() != null && held.test(hint.notification().mailbox());
    }

    /** When the oldest waiting record becomes ready, if any waits. */
    Optional<Instant> nextReadyAt(Duration debounce) {
        return pending.values().stream().map(Entry::seenAt).min(Instant::compareTo).map(at -> at.plus(debounce));
    }

    /** The records are done (forwarded, skipped or dead-lettered): they no longer hold the offset back. */
    void done(Collection<Long> offsets) {
        offsets.forEach(pending::remove);
    }

    /** The offset to commit: the lowest not done, or the one after the last seen; empty before any record. */
    Optional<Long> committable() {
        if (!pending.isEmpty()) {
            return Optional.of(pending.firstKey());
        }
        return nextOffset < 0 ? Optional.empty() : Optional.of(nextOffset);
    }

    /** Coalescing keys: mailbox + item id for item hints (both ids for a move); none for the rest. */
    static List<String> itemKeys(Hint hint) {
        ChangeNotification n = hint.notification();
        if (n == null || !n.changeType().isItemChange()) {
            return List.of();
        }
        return n.oldItemId() == null ? List.of(n.mailbox() + "/" + n.itemId())
                : List.of(n.mailbox() + "/" + n.itemId(), n.mailbox() + "/" + n.oldItemId());
    }
}
