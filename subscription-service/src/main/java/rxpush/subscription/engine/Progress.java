package rxpush.subscription.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of subscribing a backlog of mailboxes (start-up, takeover, bulk registration): done/total,
 * rate and ETA, logged while work remains and once when it is finished.
 */
final class Progress {

    private static final Logger log = LoggerFactory.getLogger(Progress.class);

    /** A snapshot for the status API. */
    public record Snapshot(long done, long total, double perSecond, Duration eta) {
    }

    /** A backlog that does not move (a mailbox failing permanently) is reported this often. */
    static final Duration STALLED_EVERY = Duration.ofMinutes(5);

    private final Clock clock;
    private long total;
    private long done;
    private Instant startedAt;
    private boolean reportedFinished = true;
    private long loggedDone = -1;
    private Instant loggedAt = Instant.MIN;

    Progress(Clock clock) {
        this.clock = clock;
    }

    synchronized void add(long count) {
        if (count <= 0) {
            return;
        }
        if (done >= total) {
            total = 0;
            done = 0;
            startedAt = clock.instant();
        }
        total += count;
        reportedFinished = false;
    }

    /** One mailbox of the backlog got its subscription (or left the backlog). */
    synchronized void done() {
        if (done < total) {
            done++;
        }
    }

    synchronized Snapshot snapshot() {
        Instant now = clock.instant();
        double seconds = startedAt == null ? 0 : Math.max(0.001, Duration.between(startedAt, now).toMillis() / 1000d);
        double rate = seconds == 0 ? 0 : done / seconds;
        Duration eta = rate <= 0 ? null : Duration.ofSeconds((long) Math.ceil((total - done) / rate));
        return new Snapshot(done, total, rate, done >= total ? Duration.ZERO : eta);
    }

    /**
     * Logs when there is something to say (progress since the last line, or a stalled backlog once
     * every {@link #STALLED_EVERY}); returns whether a backlog remains.
     */
    boolean log() {
        Snapshot s = snapshot();
        Instant now = clock.instant();
        synchronized (this) {
            if (s.total() == 0 || reportedFinished) {
                return false;
            }
            if (s.done() >= s.total()) {
                reportedFinished = true;
            } else if (s.done() == loggedDone && now.isBefore(loggedAt.plus(STALLED_EVERY))) {
                return true;
            }
            loggedDone = s.done();
            loggedAt = now;
        }
        if (s.done() >= s.total()) {
            log.info("Subscribed {}/{} mailboxes ({} per second); backlog done", s.done(), s.total(),
                    String.format("%.1f", s.perSecond()));
            return false;
        }
        log.info("Subscribing mailboxes: {}/{} done, {} per second, ETA {}", s.done(), s.total(),
                String.format("%.1f", s.perSecond()), s.eta() == null ? "unknown" : s.eta());
        return true;
    }
}
