package rxpush.forwarder.failure;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure that goes away by itself: refused connection, timeout, 5xx, 429, ErrorServerBusy. The
 * forwarder keeps the records, pauses their partition and tries again after a back-off (at least as
 * long as the server asked for), for as long as it takes.
 */
public class TransientFailure extends RuntimeException {

    private final transient Duration retryAfter;

    public TransientFailure(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public TransientFailure(String message, Throwable cause) {
        this(message, null, cause);
    }

    /** What the server asked for (Retry-After, BackOffMilliseconds), when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
