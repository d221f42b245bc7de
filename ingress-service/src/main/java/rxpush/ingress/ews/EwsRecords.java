package rxpush.ingress.ews;

import java.util.ArrayList;
import java.util.List;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.ChangeType;
import rxpush.common.contract.SchemaVersions;
import rxpush.common.contract.Source;
import rxpush.common.contract.SubscriptionState;
import rxpush.common.kafka.Topics;
import rxpush.ingress.kafka.NotificationIds;
import rxpush.ingress.kafka.OutboundRecord;
import rxpush.ingress.kafka.RequestContext;

/**
 * Turns the notifications of one EWS push into records:
 * <ul>
 *   <li>each item event: a {@link ChangeNotification} on {@link Topics#NOTIFICATIONS};</li>
 *   <li>each Notification element: one STATUS heartbeat on {@link Topics#SIGNALS} carrying its
 *       newest watermark and its PreviousWatermark (folder events and StatusEvents only count
 *       here);</li>
 *   <li>a Notification whose PreviousWatermark shows a gap ({@link WatermarkTracker}): a MISSED
 *       record on {@link Topics#SIGNALS}, before its heartbeat.</li>
 * </ul>
 * Ids are stable under redelivery: they hash the subscription id and watermarks, which Exchange
 * repeats when it retries a push.
 */
final class EwsRecords {

    static final String MISSED_REASON = "PreviousWatermark does not follow the last watermark seen for this subscription";

    private final WatermarkTracker tracker;

    EwsRecords(WatermarkTracker tracker) {
        this.tracker = tracker;
    }

    /**
     * All records of the push, items first. The item records are built (and validated) before the
     * watermark memory is touched, so a push refused as invalid leaves no trace in it.
     *
     * @throws IllegalArgumentException when an event does not make a valid record
     */
    List<OutboundRecord> build(SubscriptionState state, List<EwsNotification> notifications, RequestContext request) {
        List<OutboundRecord> records = new ArrayList<>();
        for (EwsNotification notification : notifications) {
            for (EwsEvent event : notification.events()) {
                if (event.isItemEvent()) {
                    records.add(record(Topics.NOTIFICATIONS, item(state, notification, event, request)));
                }
            }
        }
        for (EwsNotification notification : notifications) {
            if (tracker.isGap(state.mailbox(), notification.subscriptionId(), notification.previousWatermark())) {
                records.add(record(Topics.SIGNALS, signal(ChangeType.MISSED, state, notification, request)));
            }
            tracker.observe(state.mailbox(), notification.subscriptionId(), notification.watermarks());
            records.add(record(Topics.SIGNALS, signal(ChangeType.STATUS, state, notification, request)));
        }
        return records;
    }

    private static ChangeNotification item(SubscriptionState state, EwsNotification notification, EwsEvent event,
            RequestContext request) {
        ChangeType change = event.type().itemChange();
        return new ChangeNotification(SchemaVersions.CURRENT,
                NotificationIds.of("ews-", notification.subscriptionId(), event.watermark(), event.itemId()),
                Source.EWS, state.mailbox(), notification.subscriptionId(), change, event.itemId(),
                change == ChangeType.MOVED ? event.oldItemId() : null, event.changeKey(), event.watermark(),
                notification.previousWatermark(), event.timeStamp(), request.receivedAt(), null);
    }

    private static ChangeNotification signal(ChangeType type, SubscriptionState state, EwsNotification notification,
            RequestContext request) {
        String id = NotificationIds.of(type == ChangeType.MISSED ? "ews-missed-" : "ews-status-",
                notification.subscriptionId(), notification.previousWatermark(), notification.newestWatermark());
        return new ChangeNotification(SchemaVersions.CURRENT, id, Source.EWS, state.mailbox(),
                notification.subscriptionId(), type, null, null, null, notification.newestWatermark(),
                notification.previousWatermark(), notification.newestTimeStamp(), request.receivedAt(),
                type == ChangeType.MISSED ? MISSED_REASON : null);
    }

    private static OutboundRecord record(String topic, ChangeNotification value) {
        return new OutboundRecord(topic, value.key(), value, value.subscriptionId());
    }
}
