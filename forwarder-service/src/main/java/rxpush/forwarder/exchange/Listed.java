package rxpush.forwarder.exchange;

/**
 * One item of a calendar window (RESYNC).
 *
 * @param itemId             the item (an occurrence has its own id)
 * @param version            change key, or lastModified when there is none
 * @param seriesMasterItemId the series master of an occurrence or exception, else null; a master
 *                           whose occurrences are in the window counts as present
 * @param full               the whole item when the listing returned it (Graph), else null and the
 *                           forwarder fetches it when its version is new (EWS FindItem cannot return
 *                           attendees)
 */
public record Listed(String itemId, String version, String seriesMasterItemId, Fetched full) {
}
