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

    private final Map<Source, BookingSource> bySource = new EnumMap<>(Source.class);

    public BookingSources(List<BookingSource> sources) {
        sources.forEach(source -> bySource.put(source.protocol(), source));
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
