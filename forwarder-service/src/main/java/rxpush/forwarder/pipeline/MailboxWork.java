package rxpush.forwarder.pipeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.Source;
import rxpush.common.kafka.FailureStage;
import rxpush.forwarder.exchange.BookingSource;
import rxpush.forwarder.exchange.Fetched;
import rxpush.forwarder.failure.PermanentFailure;
import rxpush.forwarder.pipeline.ForwarderMetrics.SkipReason;

/**
 * One mailbox's hints of a batch, in offset order: coalesced per item, fetched in one go, pushed item
 * by item. Throws {@link rxpush.forwarder.failure.TransientFailure} or
 * {@link rxpush.forwarder.failure.ConfigurationFailure} when the mailbox must be retried as a whole
 * (versions already forwarded are then skipped); permanent failures dead-letter the item's records.
 */
final class MailboxWork {

    private static final Logger log = LoggerFactory.getLogger(MailboxWork.class);

    private final Forwarding forwarding;
    private final Pusher pusher;
    private final String mailbox;
    private final List<Hint> hints;
    private final BooleanSupplier cancelled;
    private final List<CompletableFuture<Void>> writes = new ArrayList<>();
    private final Set<Long> deadLettered = new HashSet<>();

    MailboxWork(Forwarding forwarding, String mailbox, List<Hint> hints, BooleanSupplier cancelled) {
        this.forwarding = forwarding;
        this.pusher = new Pusher(forwarding);
        this.mailbox = mailbox;
        this.hints = hints;
        this.cancelled = cancelled;
    }

    /** Does the work; returns the Kafka writes (versions, dead letters) to wait for. */
    List<CompletableFuture<Void>> run() {
        Map<String, Unit> units = new LinkedHashMap<>();
        Hint resync = null;
        Source protocol = null;
        int itemHints = 0;
        for (Hint hint : hints) {
            ChangeNotification n = hint.notification();
            protocol = n.source();
            switch (n.changeType()) {
                case CREATED, UPDATED -> unit(units, n.itemId()).add(hint, false);
                case DELETED -> unit(units, n.itemId()).add(hint, true);
                case MOVED -> {
                    // EWS gives a moved item a new id: the old booking is gone, the new id is read (if it
                    // left the calendar, reading it says so).
                    unit(units, n.oldItemId()).add(hint, true);
                    unit(units, n.itemId()).add(hint, false);
                }
                case RESYNC -> resync = resync == null ? hint : resync;
                default -> forwarding.metrics().skipped(SkipReason.NOT_FOR_FORWARDER);
            }
            itemHints += n.changeType().isItemChange() ? 1 : 0;
        }
        if (protocol == null) {
            return writes;
        }
        BookingSource source;
        try {
            source = forwarding.sources().of(protocol);
        } catch (PermanentFailure unconfigured) {
            hints.forEach(hint -> deadLetter(hint, unconfigured));
            return writes;
        }
        Set<String> covered;
        Map<String, Fetched> fetched;
        try {
            covered = resync == null ? Set.of()
                    : new Resync(forwarding, pusher, source, mailbox, resync.receivedAt()).run(writes);
            if (resync != null) {
                forwarding.metrics().resyncDone(protocol);
            }
            List<String> toFetch = units.values().stream()
                    .filter(u -> !u.deleted && !covered.contains(u.itemId)
                            && !forwarding.sources().knownNoise(mailbox, u.itemId))
                    .map(u -> u.itemId).toList();
            forwarding.metrics().coalesced(Math.max(0, itemHints - units.size()));
            fetched = toFetch.isEmpty() ? Map.of() : source.fetch(mailbox, toFetch);
        } catch (PermanentFailure failure) {
            // Exchange refuses the mailbox as a whole (e.g. it does not exist): no item can be read.
            log.warn("Dead-lettering {} record(s) of mailbox {}: {} failed: {}", hints.size(), mailbox,
                    failure.stage(), failure.getMessage());
            hints.forEach(hint -> deadLetter(hint, failure));
            return writes;
        }
        SeriesFollowUp series = new SeriesFollowUp(forwarding, pusher, source, mailbox);
        for (Unit unit : units.values()) {
            if (cancelled.getAsBoolean()) {
                throw new java.util.concurrent.CancellationException("partition revoked");
            }
            if (!unit.deleted && covered.contains(unit.itemId)) {
                continue;
            }
            if (!unit.deleted && forwarding.sources().knownNoise(mailbox, unit.itemId)) {
                forwarding.metrics().skipped(SkipReason.NOISE);
                continue;
            }
            // A missing answer is never read as "deleted": that would delete a booking on a hunch.
            Fetched state = unit.deleted ? Fetched.GONE : fetched.getOrDefault(unit.itemId, new Fetched.Unreadable(
                    new PermanentFailure(FailureStage.FETCH, protocol + " returned no answer for the item")));
            if (state instanceof Fetched.Noise) {
                forwarding.sources().rememberNoise(mailbox, unit.itemId);
            }
            try {
                writes.add(pusher.apply(mailbox, unit.itemId, state, unit.firstObserved(), unit.firstReceived()));
                series.after(unit.itemId, state, unit.firstObserved(), writes);
            } catch (PermanentFailure failure) {
                log.warn("Dead-lettering {} record(s) of mailbox {} item {}: {} failed: {}", unit.hints.size(), mailbox,
                        abbreviate(unit.itemId), failure.stage(), failure.getMessage());
                unit.hints.forEach(hint -> deadLetter(hint, failure));
            }
        }
        return writes;
    }

    private void deadLetter(Hint hint, PermanentFailure failure) {
        if (deadLettered.add(hint.offset())) {
            forwarding.metrics().deadLettered(failure.stage());
            writes.add(forwarding.deadLetters().send(hint.record(), failure.stage(), failure));
        }
    }

    private static Unit unit(Map<String, Unit> units, String itemId) {
        return units.computeIfAbsent(itemId, Unit::new);
    }

    /** Item ids are long; the tail identifies them well enough in a log line. */
    static String abbreviate(String itemId) {
        return itemId.length() <= 16 ? itemId : "..." + itemId.substring(itemId.length() - 16);
    }
}
