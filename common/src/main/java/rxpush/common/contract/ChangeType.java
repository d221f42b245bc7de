package rxpush.common.contract;

/**
 * What a {@link ChangeNotification} says happened.
 *
 * <p>Item-level types ask the forwarder to re-read one item; {@link #RESYNC} asks it to re-read a
 * mailbox's calendar window; {@link #MISSED} and {@link #STATUS} are signals for the subscription
 * service (events were lost / the subscription is alive).
 */
public enum ChangeType {
    CREATED,
    UPDATED,
    DELETED,
    MOVED,
    MISSED,
    RESYNC,
    STATUS;

    /** True for the types that name one item the forwarder must re-read. */
    public boolean isItemChange() {
        return this == CREATED || this == UPDATED || this == DELETED || this == MOVED;
    }
}
