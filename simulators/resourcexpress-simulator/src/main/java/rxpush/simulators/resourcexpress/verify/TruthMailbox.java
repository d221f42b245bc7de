package rxpush.simulators.resourcexpress.verify;

import java.util.List;

/**
 * One mailbox's calendar as Exchange holds it now.
 *
 * @param mailbox the room mailbox's SMTP address
 * @param items its bookings (singles and series masters), cancelled ones included (or left out:
 *     absent counts as deleted)
 * @param occurrences occurrences and exceptions of its series; RX must hold them only when verify is
 *     asked to ({@link VerifyOptions#requireOccurrences()}), but holding them is never extra
 */
public record TruthMailbox(String mailbox, List<TruthItem> items, List<TruthItem> occurrences) {

    public TruthMailbox {
        if (mailbox == null || mailbox.isBlank()) {
            throw new IllegalArgumentException("a truth mailbox needs its address");
        }
        items = items == null ? List.of() : List.copyOf(items);
        occurrences = occurrences == null ? List.of() : List.copyOf(occurrences);
    }

    public TruthMailbox(String mailbox, List<TruthItem> items) {
        this(mailbox, items, List.of());
    }
}
