package rxpush.forwarder.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rxpush.forwarder.failure.MailboxRefused;

/**
 * Mailboxes Exchange or Graph refuses for now (see {@link MailboxRefused}). A parked mailbox's records
 * stay pending in their partition (nothing of it is lost or committed past) while the other mailboxes
 * of the partition go on; it is tried again every {@code retry} (Microsoft notes access policy changes
 * can take hours to apply) or at once when an operator asks for a resync, and leaves the list at its
 * first success. Thread-safe: batches park and release, the loop asks.
 */
final class ParkedMailboxes {

    private static final Logger log = LoggerFactory.getLogger(ParkedMailboxes.class);

    /** One parked mailbox, as the status shows it. */
    record Parked(String reason, Instant since, Instant retryAt) {
    }

    private final Map<String, Parked> parked = new ConcurrentHashMap<>();
    private final Duration retry;
    private final Clock clock;
    private final ForwarderMetrics metrics;

    ParkedMailboxes(Duration retry, Clock clock, ForwarderMetrics metrics) {
        this.retry = retry;
        this.clock = clock;
        this.metrics = metrics;
    }

    void park(MailboxRefused refused) {
        Instant now = clock.instant();
        Parked before = parked.get(refused.mailbox());
        parked.put(refused.mailbox(), new Parked(refused.getMessage(), before == null ? now : before.since(),
                now.plus(retry)));
        if (before == null) {
            metrics.parked(parked.size(), true);
            log.warn("Mailbox {} parked, its records wait and it is tried again every {}; the other mailboxes go on: {}",
                    refused.mailbox(), retry, refused.getMessage());
        }
    }

    /** True while the mailbox waits for its next try. */
    boolean held(String mailbox, Instant now) {
        Parked p = parked.get(mailbox);
        return p != null && now.isBefore(p.retryAt());
    }

    boolean isParked(String mailbox) {
        return parked.containsKey(mailbox);
    }

    /** An operator asked for the mailbox (resync): try it with the next batch. */
    void retryNow(String mailbox) {
        parked.computeIfPresent(mailbox, (m, p) -> new Parked(p.reason(), p.since(), clock.instant()));
    }

    /** The mailbox's records went through: it is no longer parked. */
    void worked(String mailbox) {
        Parked p = parked.remove(mailbox);
        if (p != null) {
            metrics.parked(parked.size(), false);
            log.info("Mailbox {} works again after being parked since {}", mailbox, p.since());
        }
    }

    Map<String, Parked> snapshot() {
        return new TreeMap<>(parked);
    }
}
