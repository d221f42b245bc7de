package rxpush.subscription.engine;

import java.time.Duration;

/**
 * A failed Exchange or Graph request, classified for the engine's retry decision. The message is
 * short and free of secrets: it is shown in the status API and logged.
 */
public class ExchangeException extends Exception {

    /** What the failure means for the next step. */
    public enum Kind {
        /** ErrorServerBusy / 429 / 503: wait {@link #retryAfter()} before any request of the protocol. */
        THROTTLED,
        /** EWS: the watermark is no longer valid; subscribe without it and resync. */
        INVALID_WATERMARK,
        /** Graph: the subscription does not exist (any more). */
        NOT_FOUND,
        /**
         * Retrying soon will not help (credentials, permissions, unknown mailbox, subscription limit):
         * retried once per maintenance pass, shown in the status.
         */
        PERMANENT,
        /** Anything else: retried with capped exponential back-off. */
        TRANSIENT
    }

    private final Kind kind;
    private final Duration retryAfter;
    private final boolean outcomeUnknown;

    public ExchangeException(Kind kind, String message, Duration retryAfter, boolean outcomeUnknown, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
        this.outcomeUnknown = outcomeUnknown;
    }

    public static ExchangeException of(Kind kind, String message) {
        return new ExchangeException(kind, message, null, false, null);
    }

    public static ExchangeException throttled(String message, Duration retryAfter) {
        return new ExchangeException(Kind.THROTTLED, message, retryAfter, false, null);
    }

    public Kind kind() {
        return kind;
    }

    /** What the server asked for (THROTTLED), else null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /**
     * True when the request may have taken effect although it failed (timeout, connection lost after
     * sending): a subscription may exist that rx-push never heard of.
     */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
