package rxpush.subscription.engine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.CRC32;
import rxpush.common.contract.ChangeNotification;

/**
 * The periodic reconcile: every {@code interval} each ACTIVE mailbox's sync window is re-read by the
 * forwarder (a RESYNC), the safety net behind every notification path. It adds what entered the
 * rolling window as days passed (an occurrence of a long series), and repairs any drift. The forwarder
 * skips every booking RX already has in that version, so a quiet mailbox costs its listing requests
 * and no push.
 *
 * <p>Mailboxes are spread over the interval by a fixed phase derived from their address, so the
 * reads do not come all at once and a new owner after a takeover keeps the same schedule; at most
 * {@code maxPerPass} are requested per maintenance pass (the rest are due in the next one). This is
 * a full re-read of the window, not an incremental one (Graph calendarView/delta, EWS SyncFolderItems
 * would make a quiet mailbox cheaper still; not built yet).
 */
final class Reconcile {

    static final String REASON = "periodic reconcile of the sync window";

    private final Duration interval;
    private final int maxPerPass;
    private int requested;

    Reconcile(Duration interval, int maxPerPass) {
        this.interval = interval;
        this.maxPerPass = maxPerPass;
    }

    /** The RESYNC to request for this mailbox now, or null. Called with the mailbox's lock held. */
    ChangeNotification due(MailboxState m, Instant now) {
        if (interval.isZero() || !m.active() || !m.desired()) {
            return null;
        }
        if (m.nextReconcileAt == null) {
            m.nextReconcileAt = firstAt(m.address, now, interval);
            return null;
        }
        if (now.isBefore(m.nextReconcileAt) || requested >= maxPerPass) {
            return null;
        }
        requested++;
        // A reconcile missed (owner down, budget used up) is done once, not once per missed interval.
        m.nextReconcileAt = firstAt(m.address, now.plusMillis(1), interval);
        m.lastResyncAt = now;
        return StateBuilder.resync(m.address, m.current.protocol(), REASON, now);
    }

    int requested() {
        return requested;
    }

    /** The first instant after {@code now} at the mailbox's phase of the interval. */
    static Instant firstAt(String address, Instant now, Duration interval) {
        long period = interval.toMillis();
        long phase = Math.floorMod(phase(address), period);
        long base = now.toEpochMilli() - Math.floorMod(now.toEpochMilli(), period) + phase;
        return Instant.ofEpochMilli(base > now.toEpochMilli() ? base : base + period);
    }

    private static long phase(String address) {
        CRC32 crc = new CRC32();
        crc.update(address.getBytes(StandardCharsets.UTF_8));
        return crc.getValue() * 1_000_003L;
    }
}
