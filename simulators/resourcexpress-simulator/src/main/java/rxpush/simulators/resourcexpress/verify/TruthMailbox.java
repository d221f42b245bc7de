package rxpush.simulators.resourcexpress.verify;

import java.util.List;

/**
 * One mailbox's calendar as Exchange holds it now.
 *
 * @param mailbox the room mailbox's SMTP address
 * @param items its calendar items, cancelled ones included (or left out: absent counts as deleted)
 */
public record TruthMailbox(String mailbox, List<TruthItem> items) {

    public TruthMailbox {
        if (mailbox == null || mailbox.isBlank()) {
            throw new IllegalArgumentException("a truth mailbox needs its address");
        }
        items = items == null ? List.of() : List.copyOf(items);
    }
}
