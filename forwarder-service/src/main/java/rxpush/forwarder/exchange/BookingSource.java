package rxpush.forwarder.exchange;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import rxpush.common.contract.Source;

/**
 * Reads bookings from one kind of Exchange (EWS or Graph). Calls throw
 * {@link rxpush.forwarder.failure.TransientFailure} (busy, throttled, unreachable: the whole call is
 * retried later) or {@link rxpush.forwarder.failure.ConfigurationFailure} (credentials refused);
 * problems of single items come back as {@link Fetched.Unreadable}.
 */
public interface BookingSource {

    Source protocol();

    /** Reads the items; the answer has one entry per id asked for. */
    Map<String, Fetched> fetch(String mailbox, List<String> itemIds);

    /** Lists the mailbox's calendar between {@code from} and {@code to}, occurrences expanded. */
    List<Listed> window(String mailbox, Instant from, Instant to);
}
