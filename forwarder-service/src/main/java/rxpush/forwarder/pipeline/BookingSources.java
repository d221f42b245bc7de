package rxpush.forwarder.pipeline;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import rxpush.common.contract.Source;
import rxpush.common.kafka.FailureStage;
import rxpush.forwarder.exchange.BookingSource;
import rxpush.forwarder.failure.PermanentFailure;

/** The configured booking sources by protocol. */
public final class BookingSources {

    /** How many noise item ids are remembered (LRU); one per mailbox covers the free/busy item. */
    static final int NOISE_MEMORY = 100_000;

    private final Map<Source, BookingSource> bySource = new EnumMap<>(Source.class);
    private final Map<String, Boolean> noise = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > NOISE_MEMORY;
                }
            });

    public BookingSources(List<BookingSource> sources) {
        sources.forEach(source -> bySource.put(source.protocol(), source));
    }

    /**
     * True when the item was read before and was no booking (free/busy data, a message): an item's
     * class never changes, so hints about it need no further fetch.
     */
    boolean knownNoise(String mailbox, String itemId) {
        return noise.containsKey(mailbox + "/" + itemId);
    }

    void rememberNoise(String mailbox, String itemId) {
        noise.put(mailbox + "/" + itemId, Boolean.TRUE);
    }

    /**
     * The source for a protocol. A mailbox on a protocol that is not configured is a permanent failure
     * of its records (dead-lettered, to be redriven once configured), not a reason to stop all.
     */
    BookingSource of(Source protocol) {
        BookingSource source = bySource.get(protocol);
        if (source == null) {
            throw new PermanentFailure(FailureStage.FETCH, "a notification for a " + protocol
                    + " mailbox arrived, but rxpush." + protocol.name().toLowerCase(java.util.Locale.ROOT)
                    + ".* is not configured");
        }
        return source;
    }
}
