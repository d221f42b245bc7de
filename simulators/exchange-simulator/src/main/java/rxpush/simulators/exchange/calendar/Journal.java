package rxpush.simulators.exchange.calendar;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A mailbox's ordered change journal. Watermarks and sync states are positions in it; entries
 * older than the retention are pruned, after which positions before them can no longer be resumed.
 */
public final class Journal {

    private final ArrayDeque<JournalEntry> entries = new ArrayDeque<>();
    private long head;

    /** Position of the last entry (0 before the first). */
    public synchronized long head() {
        return head;
    }

    synchronized JournalEntry append(JournalEntry draft) {
        JournalEntry entry = new JournalEntry(++head, draft.at(), draft.kind(), draft.target(), draft.itemId(),
                draft.changeKey(), draft.parentFolderId(), draft.parentFolderChangeKey(), draft.oldItemId(),
                draft.oldParentFolderId(), draft.immutableId(), draft.sequence());
        entries.addLast(entry);
        return entry;
    }

    /** Up to {@code max} entries after {@code position}, oldest first. */
    public synchronized List<JournalEntry> after(long position, int max) {
        List<JournalEntry> found = new ArrayList<>();
        for (JournalEntry entry : entries) {
            if (entry.position() > position) {
                found.add(entry);
                if (found.size() == max) {
                    break;
                }
            }
        }
        return found;
    }

    /** True when every entry after {@code position} is still held (so it can be resumed). */
    public synchronized boolean canResumeFrom(long position) {
        if (position > head || position < 0) {
            return false;
        }
        long firstHeld = entries.isEmpty() ? head + 1 : entries.peekFirst().position();
        return position >= firstHeld - 1;
    }

    /** Drops entries that happened before {@code cutoff}. */
    public synchronized void prune(Instant cutoff) {
        while (!entries.isEmpty() && entries.peekFirst().at().isBefore(cutoff)) {
            entries.pollFirst();
        }
    }

    public synchronized int size() {
        return entries.size();
    }
}
