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

    private record Expected(String mailbox, TruthItem item) {
    }

    public static VerifyReport verify(Truth truth, List<StoredBooking> rx, Map<BookingVersion, Integer> applications,
            Instant now) {
        Map<String, Expected> expected = new LinkedHashMap<>();
        for (TruthMailbox mailbox : truth.mailboxes()) {
            for (TruthItem item : mailbox.items()) {
                expected.put(item.bookingIdIn(mailbox.mailbox()), new Expected(mailbox.mailbox(), item));
            }
        }
        Map<String, StoredBooking> held = new LinkedHashMap<>();
        rx.forEach(b -> held.put(b.bookingId(), b));
        List<Finding> missing = new ArrayList<>();
        List<Finding> stale = new ArrayList<>();
        List<Finding> extra = new ArrayList<>();
        int truthBookings = 0;
        for (Map.Entry<String, Expected> entry : expected.entrySet()) {
            String id = entry.getKey();
            TruthItem item = entry.getValue().item();
            String mailbox = entry.getValue().mailbox();
            StoredBooking booking = held.get(id);
            Version truthVersion = new Version(item.changeKey(), item.lastModified(), item.sequence());
            Version rxVersion = booking == null ? null : version(booking.booking());
            if (item.cancelled()) {
                if (booking != null) {
                    extra.add(new Finding(id, mailbox, item.itemId(), truthVersion, rxVersion, null,
                            "cancelled or deleted in Exchange, still held by RX"));
                }
                continue;
            }
            truthBookings++;
            if (booking == null) {
                missing.add(new Finding(id, mailbox, item.itemId(), truthVersion, null, null,
                        "in Exchange, absent at RX"));
            } else {
                String why = staleness(item, booking.booking());
                if (why != null) {
                    stale.add(new Finding(id, mailbox, item.itemId(), truthVersion, rxVersion, null, why));
                }
            }
        }
        for (StoredBooking booking : rx) {
            if (!expected.containsKey(booking.bookingId())) {
                BookingUpdate b = booking.booking();
                String derived = BookingIds.bookingId(b.mailbox(), b.itemId());
                String why = derived.equals(booking.bookingId()) || !expected.containsKey(derived)
                        ? "unknown to Exchange"
                        : "held under a bookingId that is not BookingIds.bookingId(mailbox, itemId)";
                extra.add(new Finding(booking.bookingId(), b.mailbox(), b.itemId(), null, version(b), null, why));
            }
        }
        List<Finding> duplicates = applications.entrySet().stream()
                .filter(e -> e.getValue() > 1)
                .sorted(Comparator.comparing((Map.Entry<BookingVersion, Integer> e) -> e.getKey().bookingId())
                        .thenComparing(e -> e.getKey().lastModified()))
                .map(e -> duplicate(e.getKey(), e.getValue(), expected.get(e.getKey().bookingId())))
                .toList();
        boolean ok = missing.isEmpty() && stale.isEmpty() && extra.isEmpty() && duplicates.isEmpty();
        return new VerifyReport(ok, now, truthBookings, rx.size(), missing, stale, extra, duplicates);
    }

    /** Why RX's version is not Exchange's, or {@code null} when it is. */
    private static String staleness(TruthItem truth, BookingUpdate held) {
        if (truth.lastModified() != null) {
            int order = held.lastModified().compareTo(truth.lastModified());
            if (order < 0) {
                return "RX holds an older lastModified";
            }
            if (order > 0) {
                return "RX holds a newer lastModified than Exchange";
            }
        }
        if (truth.changeKey() != null && !Objects.equals(truth.changeKey(), held.changeKey())) {
            return truth.lastModified() == null ? "RX holds another changeKey"
                    : "same lastModified, another changeKey";
        }
        return null;
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
