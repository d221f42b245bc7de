package rxpush.simulators.exchange.ews;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import rxpush.simulators.exchange.calendar.JournalEntry;
import rxpush.simulators.exchange.calendar.Mailbox;

/** One EWS push subscription and its delivery state; mutable fields are guarded by this object. */
final class PushSubscription {

    enum State {
        ACTIVE, UNSUBSCRIBED, DEAD, KILLED
    }

    final String id;
    final Mailbox mailbox;
    final String budgetKey;
    final URI url;
    final Set<String> eventTypes;
    final Set<String> folderIds;
    final boolean allFolders;
    final Duration statusFrequency;
    final String version;
    final Instant created;

    State state = State.ACTIVE;
    /** Journal position up to which everything was delivered (or skipped as not subscribed). */
    long position;
    /** The last watermark handed to the listener; the next notification's PreviousWatermark. */
    String lastWatermark;
    boolean inFlight;
    boolean scheduled;
    long statusGeneration;
    Instant lastSuccess;
    Instant firstFailure;
    Duration retryDelay;
    long posts;
    long failures;
    String lastOutcome = "none";

    PushSubscription(String id, Mailbox mailbox, String budgetKey, URI url, Set<String> eventTypes,
                     Set<String> folderIds, boolean allFolders, Duration statusFrequency, String version,
                     Instant created, long position, String lastWatermark) {
        this.id = id;
        this.mailbox = mailbox;
        this.budgetKey = budgetKey;
        this.url = url;
        this.eventTypes = eventTypes;
        this.folderIds = folderIds;
        this.allFolders = allFolders;
        this.statusFrequency = statusFrequency;
        this.version = version;
        this.created = created;
        this.position = position;
        this.lastWatermark = lastWatermark;
    }

    /** What a Subscribe request asked for, before it gets an id. */
    record Builder(Mailbox mailbox, String budgetKey, URI url, Set<String> eventTypes, Set<String> folderIds,
                   boolean allFolders, Duration statusFrequency, String version, long startPosition,
                   String startWatermark) {

        PushSubscription build(String id, Instant now) {
            return new PushSubscription(id, mailbox, budgetKey, url, eventTypes, folderIds, allFolders,
                    statusFrequency, version, now, startPosition, startWatermark);
        }
    }

    boolean active() {
        return state == State.ACTIVE;
    }

    boolean failing() {
        return firstFailure != null;
    }

    /** Whether this subscription asked for this event (type and folder). */
    boolean wants(JournalEntry entry) {
        if (!eventTypes.contains(entry.kind().element())) {
            return false;
        }
        return allFolders || folderIds.contains(entry.parentFolderId())
                || (entry.target() == JournalEntry.Target.FOLDER && folderIds.contains(entry.itemId()))
                || (entry.oldParentFolderId() != null && folderIds.contains(entry.oldParentFolderId()));
    }
}
