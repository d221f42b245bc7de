package rxpush.simulators.resourcexpress.verify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import rxpush.common.contract.BookingIds;
import rxpush.common.contract.BookingUpdate;
import rxpush.simulators.resourcexpress.bookings.BookingVersion;
import rxpush.simulators.resourcexpress.bookings.StoredBooking;

/** Compares RX's bookings with Exchange's truth. Pure: same inputs, same report. */
public final class Verifier {

    private Verifier() {
    }

    /**
     * One truth entry and the booking ids RX may hold it under; {@code judged} is false for a live
     * occurrence outside a series verify's window (RX may hold it in any version).
     */
    private record Expected(String mailbox, TruthItem item, boolean required, boolean judged, List<String> ids) {
    }

    /** The sync window of a series verify. */
    private record Window(Instant from, Instant to) {

        boolean contains(Instant start) {
            return start == null || !start.isBefore(from) && start.isBefore(to);
        }
    }

    public static VerifyReport verify(Truth truth, List<StoredBooking> rx, Map<BookingVersion, Integer> applications,
            Instant now) {
        return verify(truth, rx, applications, now, VerifyOptions.DEFAULT);
    }

    public static VerifyReport verify(Truth truth, List<StoredBooking> rx, Map<BookingVersion, Integer> applications,
            Instant now, VerifyOptions options) {
        Instant reference = truth.at() != null ? truth.at() : now;
        Window window = options.series()
                ? new Window(reference.minus(options.windowBack()), reference.plus(options.windowAhead())) : null;
        Map<String, Expected> byBookingId = expectations(truth, options, window);
        Map<String, StoredBooking> held = new LinkedHashMap<>();
        rx.forEach(b -> held.put(b.bookingId(), b));
        List<Finding> missing = new ArrayList<>();
        List<Finding> stale = new ArrayList<>();
        List<Finding> extra = new ArrayList<>();
        int truthBookings = 0;
        for (Expected e : byBookingId.values().stream().distinct().toList()) {
            TruthItem item = e.item();
            Version truthVersion = new Version(item.changeKey(), item.lastModified(), item.sequence());
            List<StoredBooking> holding = e.ids().stream().map(held::get).filter(Objects::nonNull).toList();
            if (item.cancelled()) {
                holding.forEach(b -> extra.add(finding(e, b, truthVersion, "cancelled or deleted in Exchange, still held by RX")));
                continue;
            }
            if (e.required()) {
                truthBookings++;
            }
            if (holding.isEmpty()) {
                if (e.required()) {
                    missing.add(finding(e, null, truthVersion, "in Exchange, absent at RX"));
                }
                continue;
            }
            String why = e.judged() ? staleness(item, holding.getFirst().booking()) : null;
            if (why == null && e.judged() && options.series()) {
                why = SeriesRules.shape(e.mailbox(), item, holding.getFirst());
            }
            if (why != null) {
                stale.add(finding(e, holding.getFirst(), truthVersion, why));
            }
            holding.stream().skip(1).forEach(b -> extra.add(finding(e, b, truthVersion,
                    "a second booking for the same Exchange item (under another of its ids)")));
        }
        for (StoredBooking booking : rx) {
            if (!byBookingId.containsKey(booking.bookingId())) {
                BookingUpdate b = booking.booking();
                String derived = BookingIds.bookingId(b.mailbox(), b.itemId());
                String why = derived.equals(booking.bookingId()) || !byBookingId.containsKey(derived)
                        ? "unknown to Exchange"
                        : "held under a bookingId that is not BookingIds.bookingId(mailbox, itemId)";
                extra.add(new Finding(booking.bookingId(), b.mailbox(), b.itemId(), null, version(b), null, why));
            }
        }
        List<Finding> duplicates = applications.entrySet().stream()
                .filter(e -> e.getValue() > 1)
                .sorted(Comparator.comparing((Map.Entry<BookingVersion, Integer> e) -> e.getKey().bookingId())
                        .thenComparing(e -> e.getKey().lastModified()))
                .map(e -> duplicate(e.getKey(), e.getValue(), byBookingId.get(e.getKey().bookingId())))
                .toList();
        List<Finding> doubleBooked = options.series() ? doubleBooked(rx, byBookingId) : List.of();
        boolean ok = missing.isEmpty() && stale.isEmpty() && extra.isEmpty() && duplicates.isEmpty()
                && doubleBooked.isEmpty();
        return new VerifyReport(ok, now, truthBookings, rx.size(), missing, stale, extra, duplicates, doubleBooked);
    }

    private static List<Finding> doubleBooked(List<StoredBooking> rx, Map<String, Expected> byBookingId) {
        java.util.Set<String> masters = new java.util.HashSet<>();
        java.util.Set<String> occurrences = new java.util.HashSet<>();
        byBookingId.forEach((id, e) -> {
            if (e.item().isMaster() && !e.item().cancelled()) {
                masters.add(id);
            } else if (e.item().isOccurrence() && !e.item().cancelled()) {
                occurrences.add(id);
            }
        });
        return SeriesRules.doubleBooked(rx, masters, occurrences).stream().map(held -> {
            Expected e = byBookingId.get(held.bookingId());
            BookingUpdate b = held.booking();
            return new Finding(held.bookingId(), b.mailbox(), b.itemId(),
                    e == null ? null : new Version(e.item().changeKey(), e.item().lastModified(), e.item().sequence()),
                    version(b), null, "books " + b.start() + "-" + b.end() + " of series " + (b.seriesMasterId() != null
                            ? b.seriesMasterId() : held.bookingId()) + ", which another booking RX holds already books");
        }).toList();
    }

    /**
     * Every booking id the truth accounts for. Live entries claim their ids first; a cancelled or
     * deleted entry only claims ids no live entry has (an item can be live under one id and a
     * tombstone under an id it had before a move).
     */
    private static Map<String, Expected> expectations(Truth truth, VerifyOptions options, Window window) {
        Map<String, Expected> byBookingId = new LinkedHashMap<>();
        for (boolean cancelled : new boolean[] {false, true}) {
            for (TruthMailbox mailbox : truth.mailboxes()) {
                claim(byBookingId, mailbox, mailbox.items(), cancelled, options, window);
                claim(byBookingId, mailbox, mailbox.occurrences(), cancelled, options, window);
            }
        }
        return byBookingId;
    }

    /** A master is in the window when one of its live occurrences is. */
    private static boolean anyOccurrenceIn(TruthMailbox mailbox, TruthItem master, Window window) {
        List<String> ids = new ArrayList<>(master.otherItemIds());
        ids.add(master.itemId());
        return mailbox.occurrences().stream().anyMatch(o -> !o.cancelled() && window.contains(o.start())
                && o.seriesMasterIds().stream().anyMatch(ids::contains));
    }

    /** {@code window} is null unless this is a series verify. */
    private static void claim(Map<String, Expected> byBookingId, TruthMailbox mailbox, List<TruthItem> items,
            boolean cancelled, VerifyOptions options, Window window) {
        for (TruthItem item : items) {
            if (item.cancelled() == cancelled) {
                boolean occurrence = items == mailbox.occurrences();
                boolean inWindow = window == null || (item.isMaster() ? anyOccurrenceIn(mailbox, item, window)
                        : window.contains(item.start()));
                boolean required = options.series() ? inWindow : !occurrence || options.requireOccurrences();
                List<String> ids = item.bookingIdsIn(mailbox.mailbox()).stream()
                        .filter(id -> !byBookingId.containsKey(id)).toList();
                Expected expected = new Expected(mailbox.mailbox(), item, required, inWindow, ids);
                ids.forEach(id -> byBookingId.put(id, expected));
            }
        }
    }

    /**
     * Why RX's version is not Exchange's, or {@code null} when it is. The change key is Exchange's own
     * version id, so equal change keys are the same version; lastModified is compared to the second,
     * because EWS reports whole seconds while Graph and the truth keep fractions.
     */
    private static String staleness(TruthItem truth, BookingUpdate held) {
        boolean bothKeys = truth.changeKey() != null && held.changeKey() != null;
        if (bothKeys && truth.changeKey().equals(held.changeKey())) {
            return null;
        }
        if (truth.lastModified() != null) {
            int order = toSecond(held.lastModified()).compareTo(toSecond(truth.lastModified()));
            if (order < 0) {
                return "RX holds an older lastModified";
            }
            if (order > 0) {
                return "RX holds a newer lastModified than Exchange";
            }
        }
        if (bothKeys) {
            return truth.lastModified() == null ? "RX holds another changeKey" : "same lastModified, another changeKey";
        }
        return null;
    }

    private static java.time.Instant toSecond(java.time.Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    private static Finding finding(Expected e, StoredBooking held, Version truth, String detail) {
        String bookingId = held != null ? held.bookingId() : e.ids().isEmpty() ? null : e.ids().getFirst();
        return new Finding(bookingId, e.mailbox(), e.item().itemId(), truth,
                held == null ? null : version(held.booking()), null, detail);
    }

    private static Finding duplicate(BookingVersion version, int times, Expected expected) {
        return new Finding(version.bookingId(), expected == null ? null : expected.mailbox(),
                expected == null ? null : expected.item().itemId(), null,
                new Version(version.changeKey(), version.lastModified(), null), times,
                "the same version was applied " + times + " times");
    }

    private static Version version(BookingUpdate booking) {
        return new Version(booking.changeKey(), booking.lastModified(), null);
    }
}
