package rxpush.simulators.resourcexpress.bookings;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import rxpush.common.contract.BookingUpdate;
import tools.jackson.databind.JsonNode;

/**
 * RX's state and its rules: Idempotency-Key records, ordering by {@code lastModified}, idempotent
 * deletes. One lock around each write makes "applied at most once" hold for concurrent duplicates.
 *
 * <p>Rules (docs/resourcexpress-simulator.md):
 * <ul>
 *   <li>A key seen before with the same fingerprint gets the recorded answer, applying nothing; with
 *       another fingerprint (other body, booking or method) it gets 422 {@code idempotency_key_reused}.
 *   <li>PUT, nothing stored: 201. Stored version has a later {@code lastModified}: 409 naming it.
 *       Otherwise (newer, or equal {@code lastModified} whatever the changeKey): applied, 200. RX cannot
 *       order two versions stamped alike; the forwarder sends what Exchange holds now, so the last
 *       arrival is the right one. A fresh key for an already applied version applies it again and
 *       counts it: {@code verify} reports that as duplicate-applied.
 *   <li>DELETE: 204 whether or not the booking existed. No tombstone is kept: a later PUT creates
 *       the booking again (and {@code verify} reports it as extra if Exchange deleted it).
 * </ul>
 */
public final class BookingStore implements AutoCloseable {

    private final Clock clock;
    private final Journal journal;
    private final Map<String, StoredBooking> bookings = new TreeMap<>();
    private final Map<String, Recorded> keys = new HashMap<>();
    private final Map<BookingVersion, Integer> applications = new LinkedHashMap<>();

    private record Recorded(String fingerprint, WriteAnswer answer) {
    }

    /**
     * @param clock the simulator's clock
     * @param dataFile where writes are journaled, or {@code null} to keep everything in memory
     */
    public BookingStore(Clock clock, Path dataFile) {
        this.clock = clock;
        this.journal = dataFile == null ? Journal.none() : Journal.at(dataFile);
        journal.read().forEach(this::take);
    }

    /** PUT /bookings/{id} with a valid body whose bookingId matches the path. */
    public WriteResult put(String key, String fingerprint, BookingUpdate update) {
        return put(key, fingerprint, update, null);
    }

    /** As {@link #put(String, String, BookingUpdate)}, keeping the body's {@code recurrence} (or null). */
    public synchronized WriteResult put(String key, String fingerprint, BookingUpdate update, JsonNode recurrence) {
        Recorded prior = keys.get(key);
        if (prior != null) {
            return again(prior, fingerprint);
        }
        StoredBooking current = bookings.get(update.bookingId());
        if (current != null && update.lastModified().isBefore(current.booking().lastModified())) {
            BookingVersion stored = current.version();
            WriteAnswer stale = new WriteAnswer(409, SimJson.write(new ApiError(409, "stale",
                    "RX holds a version with a later lastModified (" + stored.lastModified() + ")", null, stored)),
                    null);
            record("PUT", key, fingerprint, stale, false, update.bookingId(), null, null);
            return new WriteResult(stale, false, false, "stale");
        }
        boolean created = current == null;
        Map<String, String> headers = created
                ? Map.of("Location", "/api/push/v1/bookings/" + update.bookingId()) : Map.of();
        WriteAnswer ok = new WriteAnswer(created ? 201 : 200,
                SimJson.write(new Applied(created ? "created" : "updated", BookingVersion.of(update))), headers);
        record("PUT", key, fingerprint, ok, true, update.bookingId(), update, recurrence);
        return new WriteResult(ok, true, false, created ? "created" : "updated");
    }

    /** DELETE /bookings/{id}. */
    public synchronized WriteResult delete(String key, String fingerprint, String bookingId) {
        Recorded prior = keys.get(key);
        if (prior != null) {
            return again(prior, fingerprint);
        }
        boolean present = bookings.containsKey(bookingId);
        WriteAnswer gone = new WriteAnswer(204, null, null);
        record("DELETE", key, fingerprint, gone, present, bookingId, null, null);
        return new WriteResult(gone, present, false, present ? "deleted" : "absent");
    }

    public synchronized Optional<StoredBooking> find(String bookingId) {
        return Optional.ofNullable(bookings.get(bookingId));
    }

    /** Every stored booking, ordered by bookingId. */
    public synchronized List<StoredBooking> bookings() {
        return List.copyOf(bookings.values());
    }

    /** How many times each version was applied (more than once is a duplicate). */
    public synchronized Map<BookingVersion, Integer> applications() {
        return Map.copyOf(applications);
    }

    /** Forgets bookings, keys and counts, and empties the data file. */
    public synchronized void reset() {
        journal.truncate();
        bookings.clear();
        keys.clear();
        applications.clear();
    }

    @Override
    public synchronized void close() {
        journal.close();
    }

    private WriteResult again(Recorded prior, String fingerprint) {
        if (prior.fingerprint().equals(fingerprint)) {
            return new WriteResult(prior.answer(), false, true, "replayed");
        }
        WriteAnswer reused = new WriteAnswer(422, SimJson.write(new ApiError(422, "idempotency_key_reused",
                "this Idempotency-Key was already used for a different request (another body, booking or method)")),
                null);
        return new WriteResult(reused, false, false, "idempotency_key_reused");
    }

    /** Journals first: a write the file could not keep is not applied and answers 500. */
    private void record(String method, String key, String fingerprint, WriteAnswer answer, boolean applied,
            String bookingId, BookingUpdate booking, JsonNode recurrence) {
        JournalEntry entry = new JournalEntry(method, Instant.now(clock), key, fingerprint, answer, applied,
                bookingId, booking, recurrence);
        journal.append(entry);
        take(entry);
    }

    private void take(JournalEntry entry) {
        keys.put(entry.idempotencyKey(), new Recorded(entry.fingerprint(), entry.answer()));
        if (!entry.applied()) {
            return;
        }
        if ("PUT".equals(entry.method())) {
            bookings.put(entry.bookingId(),
                    new StoredBooking(entry.bookingId(), entry.booking(), entry.at(), entry.idempotencyKey(),
                            entry.recurrence()));
            applications.merge(BookingVersion.of(entry.booking()), 1, Integer::sum);
        } else {
            bookings.remove(entry.bookingId());
        }
    }

    /**
     * Body of 200/201.
     *
     * @param result created or updated
     * @param stored the version RX now holds
     */
    public record Applied(String result, BookingVersion stored) {
    }
}
