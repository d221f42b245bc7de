package rxpush.ingress.ews;

import java.time.Instant;
import java.util.List;

/**
 * One {@code Notification} element of a SendNotification push: the events of one subscription
 * since {@code previousWatermark}.
 *
 * @param subscriptionId    Exchange's subscription id
 * @param previousWatermark the watermark Exchange says the previous notification ended with
 * @param moreEvents        Exchange has more events queued (they follow in another push)
 * @param events            the events in document order
 */
record EwsNotification(String subscriptionId, String previousWatermark, boolean moreEvents, List<EwsEvent> events) {

    EwsNotification {
        events = List.copyOf(events);
    }

    /** The watermark this notification ends with: its last event's, or the previous one if empty. */
    String newestWatermark() {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).watermark() != null) {
                return events.get(i).watermark();
            }
        }
        return previousWatermark;
    }

    /** The newest event time in the notification, or null. */
    Instant newestTimeStamp() {
        return events.stream().map(EwsEvent::timeStamp).filter(t -> t != null).max(Instant::compareTo).orElse(null);
    }

    /** Every watermark the notification mentions, oldest first. */
    List<String> watermarks() {
        java.util.ArrayList<String> all = new java.util.ArrayList<>();
        if (previousWatermark != null) {
            all.add(previousWatermark);
        }
        events.stream().map(EwsEvent::watermark).filter(w -> w != null).forEach(all::add);
        return all;
    }
}
