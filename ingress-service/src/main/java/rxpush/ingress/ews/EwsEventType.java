package rxpush.ingress.ews;

import rxpush.common.contract.ChangeType;

/** The EWS notification events (types namespace) and what an item event means for rx-push. */
enum EwsEventType {
    CREATED("CreatedEvent", ChangeType.CREATED),
    MODIFIED("ModifiedEvent", ChangeType.UPDATED),
    DELETED("DeletedEvent", ChangeType.DELETED),
    MOVED("MovedEvent", ChangeType.MOVED),
    /** The copy is a new item: the forwarder reads it like a created one. */
    COPIED("CopiedEvent", ChangeType.CREATED),
    NEW_MAIL("NewMailEvent", ChangeType.CREATED),
    /** Free/busy of an item changed: re-read it. */
    FREE_BUSY_CHANGED("FreeBusyChangedEvent", ChangeType.UPDATED),
    /** Keep-alive: no item, only a watermark. */
    STATUS("StatusEvent", null);

    private final String element;
    private final ChangeType itemChange;

    EwsEventType(String element, ChangeType itemChange) {
        this.element = element;
        this.itemChange = itemChange;
    }

    /** The change an item event of this type stands for; null for {@link #STATUS}. */
    ChangeType itemChange() {
        return itemChange;
    }

    /** The type whose element is named {@code localName}, or null. */
    static EwsEventType of(String localName) {
        for (EwsEventType type : values()) {
            if (type.element.equals(localName)) {
                return type;
            }
        }
        return null;
    }
}
