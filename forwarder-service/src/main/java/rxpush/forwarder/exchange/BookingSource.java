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

    /**
     * Lists the mailbox's calendar between {@code from} and {@code to}, occurrences expanded (a series
     * shows as its occurrences and exceptions, each naming its master; the master itself is not listed).
     */
    List<Listed> window(String mailbox, Instant from, Instant to);

    /**
     * Lists the occurrences and exceptions of one series between {@code from} and {@code to}: what
     * Exchange holds of it now (Graph {@code /events/{id}/instances}; EWS a CalendarView kept to the
     * series). An unknown master lists nothing.
     */
    List<Listed> instances(String mailbox, String masterItemId, Instant from, Instant to);
}
