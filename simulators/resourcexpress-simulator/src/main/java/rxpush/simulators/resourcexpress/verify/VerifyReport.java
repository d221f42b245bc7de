package rxpush.simulators.resourcexpress.verify;

import java.time.Instant;
import java.util.List;

/**
 * RX compared with Exchange: the no-loss oracle of system tests.
 *
 * @param ok true when all four lists are empty
 * @param checkedAt when (the simulator's clock)
 * @param truthBookings bookings Exchange has (cancelled items not counted)
 * @param rxBookings bookings RX holds
 * @param missing in Exchange, not cancelled, absent at RX
 * @param stale RX holds another version than Exchange: an older lastModified, or the same lastModified
 *     with another changeKey (or, oddly, a newer one)
 * @param extra at RX but cancelled, deleted or unknown in Exchange
 * @param duplicateApplied one (bookingId, changeKey, lastModified) applied more than once
 */
public record VerifyReport(boolean ok, Instant checkedAt, int truthBookings, int rxBookings, List<Finding> missing,
        List<Finding> stale, List<Finding> extra, List<Finding> duplicateApplied) {

    /** One line for assertion messages and logs. */
    public String summary() {
        return (ok ? "OK" : "NOT OK") + ": truth " + truthBookings + ", rx " + rxBookings + ", missing "
                + missing.size() + ", stale " + stale.size() + ", extra " + extra.size() + ", duplicate-applied "
                + duplicateApplied.size();
    }
}
