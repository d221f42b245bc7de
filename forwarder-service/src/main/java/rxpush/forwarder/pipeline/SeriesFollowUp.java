package rxpush.forwarder.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rxpush.common.contract.BookingIds;
import rxpush.common.contract.BookingUpdate.OccurrenceType;
import rxpush.common.contract.ForwardedVersion;
import rxpush.forwarder.exchange.BookingSource;
import rxpush.forwarder.exchange.Fetched;
import rxpush.forwarder.exchange.Listed;
import rxpush.forwarder.failure.PermanentFailure;
import rxpush.forwarder.pipeline.ForwarderMetrics.SkipReason;

/**
 * Makes the occurrences RX holds of a series equal what Exchange holds in the sync window.
 *
 * <p>Exchange notifies a change to a series (pattern, times, end date, a cancelled or moved
 * occurrence) on the series master only. So after a master is applied, its instances in the window
 * are listed (Graph {@code /events/{id}/instances}, EWS a CalendarView kept to the series): an
 * occurrence RX does not have in that version is PUT; an occurrence RX holds that is no longer listed
 * is read by id, and only Exchange's answer that it is gone deletes it (one still there, outside the
 * window say, stays). When the master is gone or cancelled every occurrence RX holds for it is
 * deleted: an occurrence cannot outlive its series, so Exchange is not asked about each.
 */
final class SeriesFollowUp {

    private static final Logger log = LoggerFactory.getLogger(SeriesFollowUp.class);

    private final Forwarding forwarding;
    private final Pusher pusher;
    private final BookingSource source;
    private final String mailbox;

    SeriesFollowUp(Forwarding forwarding, Pusher pusher, BookingSource source, String mailbox) {
        this.forwarding = forwarding;
        this.pusher = pusher;
        this.source = source;
        this.mailbox = mailbox;
    }

    /**
     * Follows up an item just applied in state {@code master}; does nothing unless it is (or was) a
     * series master. Adds the version writes to {@code writes}.
     */
    void after(String masterItemId, Fetched master, Instant observedAt, List<CompletableFuture<Void>> writes) {
        boolean gone = master instanceof Fetched.Gone
                || (master instanceof Fetched.Found found && found.booking().isCancelled());
        boolean changed = master instanceof Fetched.Found found
                && found.booking().occurrenceType() == OccurrenceType.SERIES_MASTER;
        if (!gone && !changed) {
            return;
        }
        List<String> held = forwarding.versions().occurrencesOf(BookingIds.bookingId(mailbox, masterItemId)).stream()
                .map(ForwardedVersion::itemId).toList();
        if (gone) {
            held.forEach(itemId -> apply(masterItemId, itemId, Fetched.GONE, observedAt, writes));
            log.debug("Series {} of {} deleted: {} occurrence(s) at RX deleted", MailboxWork.abbreviate(masterItemId),
                    mailbox, held.size());
            return;
        }
        SyncWindow window = SyncWindow.at(forwarding.clock().instant(), forwarding.settings());
        List<Listed> instances = source.instances(mailbox, masterItemId, window.from(), window.to());
        Set<String> listed = new HashSet<>();
        List<String> toFetch = new ArrayList<>();
        for (Listed instance : instances) {
            listed.add(instance.itemId());
            if (pusher.alreadyForwarded(mailbox, instance.itemId(), instance.version())) {
                forwarding.metrics().skipped(SkipReason.ALREADY_APPLIED);
            } else if (instance.full() != null) {
                apply(masterItemId, instance.itemId(), instance.full(), observedAt, writes);
            } else {
                toFetch.add(instance.itemId());
            }
        }
        // Not listed any more: cancelled, moved out of the window, or past a shortened end. Exchange's
        // answer for each decides; no answer is never read as "deleted".
        held.stream().filter(id -> !listed.contains(id)).forEach(toFetch::add);
        Map<String, Fetched> states = toFetch.isEmpty() ? Map.of() : source.fetch(mailbox, toFetch);
        for (String itemId : toFetch) {
            Fetched state = states.get(itemId);
            if (state != null) {
                apply(masterItemId, itemId, state, observedAt, writes);
            }
        }
        log.debug("Series {} of {} changed: {} instance(s) in the window, {} read by id, {} held before",
                MailboxWork.abbreviate(masterItemId), mailbox, instances.size(), toFetch.size(), held.size());
    }

    private void apply(String masterItemId, String itemId, Fetched state, Instant observedAt,
            List<CompletableFuture<Void>> writes) {
        try {
            writes.add(pusher.apply(mailbox, itemId, state, observedAt, null));
        } catch (PermanentFailure failure) {
            log.warn("Occurrence {} of series {} in {} skipped: {} failed: {}", MailboxWork.abbreviate(itemId),
                    MailboxWork.abbreviate(masterItemId), mailbox, failure.stage(), failure.getMessage());
            forwarding.metrics().skipped(SkipReason.UNREADABLE);
        }
    }
}
