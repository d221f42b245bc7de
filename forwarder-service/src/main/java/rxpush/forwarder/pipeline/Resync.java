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
import rxpush.common.contract.ForwardedVersion;
import rxpush.forwarder.exchange.BookingSource;
import rxpush.forwarder.exchange.Fetched;
import rxpush.forwarder.exchange.Listed;
import rxpush.forwarder.failure.PermanentFailure;
import rxpush.forwarder.pipeline.ForwarderMetrics.SkipReason;

/**
 * A RESYNC of one mailbox: reads its calendar window and pushes every booking RX does not have in
 * this version. The window shows a series as its occurrences, each naming its master: every such
 * master is read and written too (with its recurrence, as the parent RX ties the occurrences to; RX
 * does not book its slot). Then every booking forwarded for the mailbox that the window did not show
 * is read by id: gone means DELETE at RX, still there (outside the window) means it stays.
 */
final class Resync {

    private static final Logger log = LoggerFactory.getLogger(Resync.class);

    private final Forwarding forwarding;
    private final Pusher pusher;
    private final BookingSource source;
    private final String mailbox;
    private final Instant requestedAt;

    Resync(Forwarding forwarding, Pusher pusher, BookingSource source, String mailbox, Instant requestedAt) {
        this.forwarding = forwarding;
        this.pusher = pusher;
        this.source = source;
        this.mailbox = mailbox;
        this.requestedAt = requestedAt;
    }

    /** Runs the resync, adding the version writes to {@code writes}; returns the item ids it settled. */
    Set<String> run(List<CompletableFuture<Void>> writes) {
        SyncWindow window = SyncWindow.at(forwarding.clock().instant(), forwarding.settings());
        List<Listed> listed = source.window(mailbox, window.from(), window.to());
        Set<String> settled = new HashSet<>();
        List<String> toFetch = new ArrayList<>();
        Set<String> masters = new java.util.LinkedHashSet<>();
        for (Listed item : listed) {
            settled.add(item.itemId());
            if (item.seriesMasterItemId() != null) {
                masters.add(item.seriesMasterItemId());
            }
        }
        // Masters first, so RX knows the parent before its occurrences arrive.
        List<String> mastersToRead = masters.stream().filter(id -> !settled.contains(id)).toList();
        fetchAndApply(mastersToRead, writes);
        settled.addAll(mastersToRead);
        for (Listed item : listed) {
            if (pusher.alreadyForwarded(mailbox, item.itemId(), item.version())) {
                forwarding.metrics().skipped(SkipReason.ALREADY_APPLIED);
            } else if (item.full() != null) {
                apply(item.itemId(), item.full(), writes);
            } else {
                toFetch.add(item.itemId());
            }
        }
        fetchAndApply(toFetch, writes);
        List<String> vanished = forwarding.versions().ofMailbox(mailbox).stream()
                .filter(v -> !v.deleted() && !settled.contains(v.itemId()))
                .map(ForwardedVersion::itemId).toList();
        fetchAndApply(vanished, writes);
        settled.addAll(vanished);
        log.info("Resync of {}: {} item(s) in the window, {} series master(s), {} read in full, {} forwarded before "
                + "and not listed", mailbox, listed.size(), mastersToRead.size(), toFetch.size(), vanished.size());
        return settled;
    }

    private void fetchAndApply(List<String> itemIds, List<CompletableFuture<Void>> writes) {
        if (itemIds.isEmpty()) {
            return;
        }
        Map<String, Fetched> fetched = source.fetch(mailbox, itemIds);
        for (String itemId : itemIds) {
            Fetched state = fetched.get(itemId);
            if (state != null) {
                apply(itemId, state, writes);
            }
        }
    }

    private void apply(String itemId, Fetched state, List<CompletableFuture<Void>> writes) {
        try {
            writes.add(pusher.apply(mailbox, itemId, state, requestedAt, null));
        } catch (PermanentFailure failure) {
            // No record of its own to dead-letter: the RESYNC record stands for the whole window.
            log.warn("Resync of {} skips item {}: {} failed: {}", mailbox, MailboxWork.abbreviate(itemId),
                    failure.stage(), failure.getMessage());
            forwarding.metrics().skipped(SkipReason.UNREADABLE);
        }
    }
}
