package rxpush.common.exchange;

import java.time.Duration;

/** Exchange or Graph asked rx-push to slow down (ErrorServerBusy, 429, 503 with Retry-After). */
public class ThrottledException extends RuntimeException {

    private final Duration retryAfter;

    public ThrottledException(String message, Duration retryAfter) {
        super(message + "; retry after " + retryAfter);
        this.retryAfter = retryAfter;
    }

    /** How long the server asked to wait before the next request. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
