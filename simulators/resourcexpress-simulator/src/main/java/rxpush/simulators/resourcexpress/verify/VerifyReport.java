package rxpush.simulators.resourcexpress.verify;

import java.time.Instant;
import java.util.List;

/**
 * RX compared with Exchange: the no-loss oracle of system tests.
 *
 * @param ok true when all lists are empty
 * @param checkedAt when (the simulator's clock)
 * @param truthBookings bookings Exchange has (cancelled items not counted)
 * @param rxBookings bookings RX holds
 * @param missing in Exchange, not cancelled, absent at RX
 * @param stale RX holds another version than Exchange: an older lastModified, or the same lastModified
 *     with another changeKey (or, oddly, a newer one)
 * @param extra at RX but cancelled, deleted or unknown in Exchange
 * @param duplicateApplied one (bookingId, changeKey, lastModified) applied more than once
 * @param doubleBooked (series verify) a slot of a series booked by two bookings RX holds, e.g. the master
 *     held as a booking with its first occurrence's times beside that occurrence; one finding per extra
 *     booking of the slot
 */
public record VerifyReport(boolean ok, Instant checkedAt, int truthBookings, int rxBookings, List<Finding> missing,
        List<Finding> stale, List<Finding> extra, List<Finding> duplicateApplied, List<Finding> doubleBooked) {

    public VerifyReport {
        doubleBooked = doubleBooked == null ? List.of() : List.copyOf(doubleBooked);
    }

    public VerifyReport(boolean ok, Instant checkedAt, int truthBookings, int rxBookings, List<Finding> missing,
            List<Finding> stale, List<Finding> extra, List<Finding> duplicateApplied) {
        this(ok, checkedAt, truthBookings, rxBookings, missing, stale, extra, duplicateApplied, List.of());
    }

    /** One line for assertion messages and logs. */
    public String summary() {
        return (ok ? "OK" : "NOT OK") + ": truth " + truthBookings + ", rx " + rxBookings + ", missing "
                + missing.size() + ", stale " + stale.size() + ", extra " + extra.size() + ", duplicate-applied "
                + duplicateApplied.size() + (doubleBooked.isEmpty() ? "" : ", double-booked " + doubleBooked.size());
    }
}
