package rxpush.ingress.ews;

import java.time.Instant;

/**
 * One event of an EWS Notification.
 *
 * @param type      which event
 * @param watermark the event's Watermark (every event has one)
 * @param timeStamp the event's TimeStamp; null for StatusEvent
 * @param itemId    ItemId/@Id for item events, else null
 * @param changeKey ItemId/@ChangeKey, when given
 * @param oldItemId OldItemId/@Id of a moved or copied item, else null
 * @param folderId  FolderId/@Id for folder events, else null
 */
record EwsEvent(EwsEventType type, String watermark, Instant timeStamp, String itemId, String changeKey,
        String oldItemId, String folderId) {

    /** True for events about one item (which ask the forwarder to re-read it). */
    boolean isItemEvent() {
        return itemId != null;
    }
}
