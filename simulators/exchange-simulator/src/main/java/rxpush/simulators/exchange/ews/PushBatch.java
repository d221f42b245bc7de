package rxpush.simulators.exchange.ews;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import rxpush.simulators.exchange.calendar.ItemIds;
import rxpush.simulators.exchange.calendar.JournalEntry;

/**
 * The next notification of a subscription: the subscribed events after its position (at most
 * {@code max}, MoreEvents when there are more), or a StatusEvent when it is idle and one is due.
 *
 * @param previousWatermark the watermark the listener saw last
 * @param events            events with their watermarks; empty for a StatusEvent
 * @param statusWatermark   the StatusEvent's watermark
 * @param position          journal position acknowledged once this is delivered
 * @param lastWatermark     the watermark the listener holds once this is delivered
 * @param more              MoreEvents
 */
record PushBatch(String previousWatermark, List<NotificationXml.Event> events, String statusWatermark,
                 long position, String lastWatermark, boolean more) {

    private static final int CHUNK = 256;

    /**
     * Called with the subscription's lock held. Events the subscription did not ask for are skipped
     * (its position moves past them without a POST, the watermark chain is unaffected); null means
     * there is nothing to send.
     */
    static PushBatch next(PushSubscription s, boolean statusDue, int max, Instant now) {
        long consumed = s.position;
        List<NotificationXml.Event> events = new ArrayList<>();
        boolean more = false;
        scan:
        while (true) {
            List<JournalEntry> chunk = s.mailbox.journal().after(consumed, CHUNK);
            if (chunk.isEmpty()) {
                break;
            }
            for (JournalEntry entry : chunk) {
                if (s.wants(entry)) {
                    if (events.size() == max) {
                        more = true;
                        break scan;
                    }
                    events.add(new NotificationXml.Event(entry,
                            ItemIds.watermark(s.mailbox.guid(), entry.position(), entry.at())));
                }
                consumed = entry.position();
            }
        }
        if (!events.isEmpty()) {
            return new PushBatch(s.lastWatermark, events, null, consumed, events.getLast().watermark(), more);
        }
        if (!statusDue) {
            s.position = consumed;
            return null;
        }
        String watermark = ItemIds.watermark(s.mailbox.guid(), consumed, now);
        return new PushBatch(s.lastWatermark, List.of(), watermark, consumed, watermark, false);
    }
}
