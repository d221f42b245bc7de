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
 *   <li>each message whose ResponseClass is "Error" (with or without a Notification): a MISSED
 *       record on {@link Topics#SIGNALS} naming the ResponseCode, before its heartbeat.</li>
 * </ul>
 * Ingress records these facts and judges nothing: whether the watermarks form an unbroken chain is
 * judged by the subscription service that owns the mailbox. Ids are stable under redelivery: they
 * hash the subscription id and watermarks, which Exchange repeats when it retries a push.
 */
final class EwsRecords {

    static final String ERROR_REASON = "EWS push with ResponseClass=Error: ";

    /**
     * All records of the push, items first.
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
            if (notification.isError()) {
                records.add(record(Topics.SIGNALS, signal(ChangeType.MISSED, state, notification, request)));
            }
            if (notification.subscriptionId() != null) {
                records.add(record(Topics.SIGNALS, signal(ChangeType.STATUS, state, notification, request)));
            }
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
        // An error message without a Notification names no subscription: the token's does.
        String subscriptionId = notification.subscriptionId() != null ? notification.subscriptionId()
                : state.subscriptionId();
        String id = type == ChangeType.MISSED
                ? NotificationIds.of("ews-error-", subscriptionId, notification.previousWatermark(),
                        notification.newestWatermark(), notification.errorCode())
                : NotificationIds.of("ews-status-", subscriptionId, notification.previousWatermark(),
                        notification.newestWatermark());
        return new ChangeNotification(SchemaVersions.CURRENT, id, Source.EWS, state.mailbox(),
                subscriptionId, type, null, null, null, notification.newestWatermark(),
                notification.previousWatermark(), notification.newestTimeStamp(), request.receivedAt(),
                type == ChangeType.MISSED ? ERROR_REASON + notification.errorCode() : null);
    }

    private static OutboundRecord record(String topic, ChangeNotification value) {
        return new OutboundRecord(topic, value.key(), value, value.subscriptionId());
    }
}
