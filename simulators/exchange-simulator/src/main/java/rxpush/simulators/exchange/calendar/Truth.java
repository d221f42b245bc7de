package rxpush.simulators.exchange.calendar;

import java.time.Duration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Ground truth: every mailbox's current calendar as the simulator holds it, for oracles that compare
 * what rx-push delivered with what Exchange says now.
 *
 * @param at           simulated instant of the snapshot
 * @param lastSequence sequence number of the last change included
 * @param mailboxes    per mailbox: items (singles and series masters), expanded occurrences of the
 *                     series, and tombstones of bookings that left the calendar
 */
public record Truth(Instant at, long lastSequence, List<MailboxTruth> mailboxes) {

    /**
     * How far ahead occurrences are listed by default: two years, the longest EWS CalendarView, so
     * any sync window a client can read is covered.
     */
    public static final Duration DEFAULT_HORIZON = Duration.ofDays(730);

    /**
     * @param address     SMTP address
     * @param objectId    Graph user id
     * @param items       live singles and series masters
     * @param occurrences occurrences and exceptions of the live series
     * @param deleted     bookings that were cancelled, deleted or moved away
     */
    public record MailboxTruth(String address, String objectId, List<ItemView> items, List<ItemView> occurrences,
                               List<Mailbox.Tombstone> deleted) {
    }

    /**
     * A consistent snapshot per mailbox (each mailbox is read under its lock). {@code lastSequence}
     * is read first, so every change up to it is included; later ones may be too.
     */
    public static Truth of(CalendarStore store) {
        return of(store, DEFAULT_HORIZON);
    }

    /**
     * As {@link #of(CalendarStore)}, listing series occurrences whose original start lies before
     * now + {@code horizon} (every exception is listed wherever it was moved).
     */
    public static Truth of(CalendarStore store, Duration horizon) {
        long sequence = store.lastSequence();
        Instant at = store.clock().instant();
        List<MailboxTruth> mailboxes = new ArrayList<>();
        for (Mailbox mailbox : store.mailboxes()) {
            mailboxes.add(mailbox.truth(at.plus(horizon)));
        }
        return new Truth(at, sequence, mailboxes);
    }

    /** The truth of one mailbox, or null when it is not simulated. */
    public MailboxTruth mailbox(String address) {
        return mailboxes.stream().filter(m -> m.address().equalsIgnoreCase(address)).findFirst().orElse(null);
    }
}
