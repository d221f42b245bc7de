package rxpush.forwarder.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import rxpush.common.contract.BookingIds;
import rxpush.common.contract.BookingUpdate;
import rxpush.common.contract.ForwardedVersion;
import rxpush.common.contract.SchemaVersions;
import rxpush.forwarder.exchange.Fetched;
import rxpush.forwarder.pipeline.ForwarderMetrics.SkipReason;
import rxpush.forwarder.rx.RxClient;

/**
 * Decides whether RX needs a request for an item's current state, sends it, and records the version
 * forwarded. The version store makes this idempotent across restarts, rebalances and replays: a
 * version RX already has is skipped without a request, and RX's own Idempotency-Key check covers the
 * window between a push and its version write.
 */
final class Pusher {

    /** Marks the Idempotency-Key of a DELETE, distinct from every PUT's. */
    static final String DELETED_MARKER = "deleted@";

    private final Forwarding forwarding;

    Pusher(Forwarding forwarding) {
        this.forwarding = forwarding;
    }

    /**
     * Pushes a found item, or deletes a gone one; noise is skipped. Returns the version write to wait
     * for before the records count as done. {@link Fetched.Unreadable} is the caller's to handle.
     *
     * @param receivedAt when the first hint of this change was received, for freshness; null for RESYNC
     */
    CompletableFuture<Void> apply(String mailbox, String itemId, Fetched fetched, Instant observedAt, Instant receivedAt) {
        return switch (fetched) {
            // The contract: a booking cancelled in Exchange is deleted at RX, like a removed one.
            case Fetched.Found found when found.booking().isCancelled() -> delete(mailbox, itemId, observedAt, receivedAt);
            case Fetched.Found found -> put(found.booking(), found.version(), receivedAt);
            case Fetched.Gone gone -> delete(mailbox, itemId, observedAt, receivedAt);
            case Fetched.Noise noise -> skip(SkipReason.NOISE);
            case Fetched.Unreadable unreadable -> throw unreadable.failure();
        };
    }

    /** True when RX already has this exact version (nothing to fetch or push). */
    boolean alreadyForwarded(String mailbox, String itemId, String version) {
        return known(BookingIds.bookingId(mailbox, itemId))
                .filter(v -> !v.deleted() && v.idempotencyKey().equals(BookingIds.idempotencyKey(mailbox, itemId, version)))
                .isPresent();
    }

    private CompletableFuture<Void> put(BookingUpdate booking, String version, Instant receivedAt) {
        String idempotencyKey = BookingIds.idempotencyKey(booking.mailbox(), booking.itemId(), version);
        Optional<ForwardedVersion> known = known(booking.bookingId());
        if (known.filter(v -> !v.deleted() && v.idempotencyKey().equals(idempotencyKey)).isPresent()) {
            return skip(SkipReason.ALREADY_APPLIED);
        }
        if (known.filter(v -> !v.deleted() && v.lastModified() != null
                && v.lastModified().isAfter(booking.lastModified())).isPresent()) {
            return skip(SkipReason.STALE);
        }
        if (forwarding.rx().put(booking, idempotencyKey) == RxClient.PutResult.STALE) {
            return skip(SkipReason.STALE);
        }
        forwarded("put", receivedAt);
        return forwarding.versions().write(new ForwardedVersion(SchemaVersions.CURRENT, booking.bookingId(),
                booking.mailbox(), booking.itemId(), booking.changeKey(), booking.lastModified(), false,
                idempotencyKey, forwarding.clock().instant(), booking.seriesMasterId()));
    }

    private CompletableFuture<Void> delete(String mailbox, String itemId, Instant observedAt, Instant receivedAt) {
        String bookingId = BookingIds.bookingId(mailbox, itemId);
        Optional<ForwardedVersion> known = known(bookingId);
        if (known.isPresent() && known.get().deleted()) {
            return skip(SkipReason.ALREADY_APPLIED);
        }
        // Unknown is not "never forwarded": RX may hold a booking whose version record was lost (a crash
        // between RX's answer and the record, a lost topic). DELETE is idempotent at RX (204 when absent),
        // so when in doubt it is sent. One key per deleted version: deleting, re-creating (same immutable
        // id) and deleting again are two deletions, while a replay of the same deletion repeats the key.
        String idempotencyKey = BookingIds.idempotencyKey(mailbox, itemId,
                DELETED_MARKER + known.map(ForwardedVersion::idempotencyKey).orElse(""));
        forwarding.rx().delete(bookingId, idempotencyKey, observedAt);
        forwarded("delete", receivedAt);
        return forwarding.versions().write(new ForwardedVersion(SchemaVersions.CURRENT, bookingId, mailbox, itemId,
                known.map(ForwardedVersion::changeKey).orElse(null), known.map(ForwardedVersion::lastModified).orElse(null),
                true, idempotencyKey, forwarding.clock().instant(),
                known.map(ForwardedVersion::seriesMasterBookingId).orElse(null)));
    }

    private void forwarded(String operation, Instant receivedAt) {
        forwarding.metrics().pushed(operation);
        if (receivedAt != null) {
            forwarding.metrics().freshness(Duration.between(receivedAt, forwarding.clock().instant()));
        }
    }

    private Optional<ForwardedVersion> known(String bookingId) {
        return forwarding.versions().get(bookingId);
    }

    private CompletableFuture<Void> skip(SkipReason reason) {
        forwarding.metrics().skipped(reason);
        return CompletableFuture.completedFuture(null);
    }
}
