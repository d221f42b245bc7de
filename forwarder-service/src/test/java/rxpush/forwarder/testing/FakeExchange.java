package rxpush.forwarder.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import rxpush.common.contract.BookingUpdate;
import rxpush.common.contract.Source;
import rxpush.forwarder.exchange.BookingSource;
import rxpush.forwarder.exchange.Fetched;
import rxpush.forwarder.exchange.Listed;

/**
 * An in-memory Exchange for pipeline tests: bookings per mailbox, a request count, and failures on
 * demand. (The protocol readers themselves are tested against EWS/Graph over HTTP.)
 */
public final class FakeExchange implements BookingSource {

    private final Source protocol;
    private final Map<String, Map<String, Fetched>> items = new ConcurrentHashMap<>();
    private final List<List<String>> fetches = new CopyOnWriteArrayList<>();
    private final AtomicInteger windows = new AtomicInteger();
    private final AtomicInteger instanceReads = new AtomicInteger();
    private volatile Supplier<RuntimeException> failure;

    public FakeExchange(Source protocol) {
        this.protocol = protocol;
    }

    public void put(BookingUpdate booking) {
        items.computeIfAbsent(booking.mailbox(), m -> new ConcurrentHashMap<>())
                .put(booking.itemId(), new Fetched.Found(booking, booking.changeKey()));
    }

    public void put(String mailbox, String itemId, Fetched state) {
        items.computeIfAbsent(mailbox, m -> new ConcurrentHashMap<>()).put(itemId, state);
    }

    public void remove(String mailbox, String itemId) {
        items.getOrDefault(mailbox, Map.of()).remove(itemId);
    }

    /** Every call fails with this until cleared (null). */
    public void failWith(Supplier<RuntimeException> next) {
        this.failure = next;
    }

    /** The item ids of every fetch call. */
    public List<List<String>> fetches() {
        return List.copyOf(fetches);
    }

    public int fetchedItems() {
        return fetches.stream().mapToInt(List::size).sum();
    }

    public int windowReads() {
        return windows.get();
    }

    @Override
    public Source protocol() {
        return protocol;
    }

    @Override
    public Map<String, Fetched> fetch(String mailbox, List<String> itemIds) {
        throwIfFailing();
        fetches.add(List.copyOf(itemIds));
        Map<String, Fetched> answer = new LinkedHashMap<>();
        Map<String, Fetched> known = items.getOrDefault(mailbox, Map.of());
        itemIds.forEach(id -> answer.put(id, known.getOrDefault(id, Fetched.GONE)));
        return answer;
    }

    /** Like Exchange's calendar view: occurrences naming their master, the master itself not listed. */
    @Override
    public List<Listed> window(String mailbox, Instant from, Instant to) {
        throwIfFailing();
        windows.incrementAndGet();
        return list(mailbox, from, to, null);
    }

    @Override
    public List<Listed> instances(String mailbox, String masterItemId, Instant from, Instant to) {
        throwIfFailing();
        instanceReads.incrementAndGet();
        return list(mailbox, from, to, masterItemId);
    }

    public int instanceReads() {
        return instanceReads.get();
    }

    private List<Listed> list(String mailbox, Instant from, Instant to, String ofMaster) {
        Map<String, Fetched> known = items.getOrDefault(mailbox, Map.of());
        Map<String, String> itemOfBooking = new java.util.HashMap<>();
        known.keySet().forEach(id -> itemOfBooking.put(rxpush.common.contract.BookingIds.bookingId(mailbox, id), id));
        List<Listed> listed = new ArrayList<>();
        known.forEach((id, state) -> {
            if (state instanceof Fetched.Found found && found.booking().end().isAfter(from)
                    && found.booking().start().isBefore(to)
                    && found.booking().occurrenceType() != BookingUpdate.OccurrenceType.SERIES_MASTER) {
                String master = found.booking().seriesMasterId() == null ? null
                        : itemOfBooking.getOrDefault(found.booking().seriesMasterId(), null);
                if (ofMaster == null || ofMaster.equals(master)) {
                    listed.add(new Listed(id, found.version(), master, null));
                }
            }
        });
        return listed;
    }

    private void throwIfFailing() {
        Supplier<RuntimeException> next = failure;
        if (next != null) {
            throw next.get();
        }
    }
}
