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
 * @param errorCode         for a message with ResponseClass="Error" its ResponseCode (e.g.
 *                          ErrorMissedNotificationEvents), else null; such a message may carry no
 *                          Notification, and then names no subscription (null) nor watermark
 */
record EwsNotification(String subscriptionId, String previousWatermark, boolean moreEvents, List<EwsEvent> events,
        String errorCode) {

    EwsNotification {
        events = List.copyOf(events);
    }

    EwsNotification(String subscriptionId, String previousWatermark, boolean moreEvents, List<EwsEvent> events) {
        this(subscriptionId, previousWatermark, moreEvents, events, null);
    }

    /** An error message without a Notification. */
    static EwsNotification error(String errorCode) {
        return new EwsNotification(null, null, false, List.of(), errorCode);
    }

    EwsNotification withError(String code) {
        return new EwsNotification(subscriptionId, previousWatermark, moreEvents, events, code);
    }

    boolean isError() {
        return errorCode != null;
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
