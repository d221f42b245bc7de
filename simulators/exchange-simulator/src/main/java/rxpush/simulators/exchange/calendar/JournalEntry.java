package rxpush.simulators.exchange.calendar;

import java.time.Instant;

/**
 * One event in a mailbox's change journal, in the shape EWS notifications carry (and from which
 * Graph change notifications are derived).
 *
 * @param position              1-based position in the mailbox journal; watermarks point here
 * @param at                    when it happened (simulator clock)
 * @param kind                  created, modified, deleted or moved
 * @param target                an item, the calendar folder itself, or the free/busy noise item
 * @param itemId                EWS id of the item (or folder, for folder events) after the event
 * @param changeKey             its change key after the event
 * @param parentFolderId        EWS id of the folder holding it after the event
 * @param parentFolderChangeKey change key of that folder
 * @param oldItemId             for moves: the id before the move
 * @param oldParentFolderId     for moves: the folder before the move
 * @param immutableId           the item's immutable id (null for folder events)
 * @param sequence              simulator change sequence number that caused it
 */
public record JournalEntry(
        long position,
        Instant at,
        Kind kind,
        Target target,
        String itemId,
        String changeKey,
        String parentFolderId,
        String parentFolderChangeKey,
        String oldItemId,
        String oldParentFolderId,
        String immutableId,
        long sequence) {

    /** EWS event kinds, with their notification element names. */
    public enum Kind {
        CREATED("CreatedEvent"), MODIFIED("ModifiedEvent"), DELETED("DeletedEvent"), MOVED("MovedEvent");

        private final String element;

        Kind(String element) {
            this.element = element;
        }

        public String element() {
            return element;
        }
    }

    /** What the event is about. */
    public enum Target {
        ITEM, FOLDER, FREEBUSY
    }
}
