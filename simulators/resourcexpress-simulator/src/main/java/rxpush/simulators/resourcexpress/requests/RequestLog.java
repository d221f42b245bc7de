package rxpush.simulators.resourcexpress.requests;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every request to the RX API, oldest first, bounded: past {@code limit} the oldest are dropped
 * (benchmarks send millions). Kept in memory only.
 */
public final class RequestLog {

    private final int limit;
    private final AtomicLong seq = new AtomicLong();
    private final Deque<RequestRecord> records = new ArrayDeque<>();

    public RequestLog(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("request log limit must be positive");
        }
        this.limit = limit;
    }

    /** The next request number, 1 for the first request since start or reset. */
    public long nextSeq() {
        return seq.incrementAndGet();
    }

    public synchronized void add(RequestRecord record) {
        records.addLast(record);
        while (records.size() > limit) {
            records.removeFirst();
        }
    }

    public synchronized List<RequestRecord> all() {
        return List.copyOf(records);
    }

    /** Requests about one booking, oldest first. */
    public synchronized List<RequestRecord> forBooking(String bookingId) {
        return records.stream().filter(r -> bookingId.equals(r.bookingId())).toList();
    }

    /** Empties the log and restarts numbering at 1 (so seeded faults repeat). */
    public synchronized void reset() {
        records.clear();
        seq.set(0);
    }
}
