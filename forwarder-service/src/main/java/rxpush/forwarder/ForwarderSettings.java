package rxpush.forwarder;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;
import rxpush.common.retry.Backoff;

/**
 * The forwarder's own settings, {@code rxpush.forwarder.*}.
 *
 * @param groupId             consumer group of the live forwarders (default {@code rxpush-forwarder});
 *                            replay uses groups of its own
 * @param topicPrefix         prefix for every topic name; empty in production (operators address
 *                            topics by their fixed names), set by tests that share one broker
 * @param debounce            a change hint waits this long for its duplicates (Exchange sends 2-4 per
 *                            change) before the item is fetched once (default 2s)
 * @param resyncBack          the sync window (what RX mirrors; a RESYNC, a backfill and a series'
 *                            instances are read over it) starts this long before now (default 1 day)
 * @param resyncAhead         ... and ends this long after now (default 365 days); together at most
 *                            {@link #MAX_WINDOW} (EWS refuses a longer CalendarView), refused at start
 * @param mailboxConcurrency  concurrent Exchange requests per mailbox (default 4)
 * @param concurrency         mailboxes worked on at once by one instance (default 16)
 * @param maxBatch            records per partition handed to one batch (default 500)
 * @param maxBuffered         records buffered per partition before it is paused (default 5000)
 * @param rxConnectTimeout    connect timeout for ResourceXpress (default 5s)
 * @param rxTimeout           request timeout for ResourceXpress (default 10s)
 * @param exchangeTimeout     request timeout for EWS and Graph (default 30s)
 * @param retryInitial        first wait after a transient failure (default 1s), doubling ...
 * @param retryCap            ... up to this (default 60s); a longer Retry-After is still honoured
 * @param revokeGrace         how long a partition taken away by a rebalance waits for its batch in
 *                            flight before it is given up uncommitted (default 20s)
 * @param consume             run the consumer loop (default true); the replay and redrive tools
 *                            start the application with false to borrow its wiring without consuming
 * @param parkedRetry         how often a mailbox Exchange or Graph refuses (access policy, impersonation
 *                            scope, EWS blocked) is tried again (default 5m); a resync tries it at once
 */
public record ForwarderSettings(
        @DefaultValue("rxpush-forwarder") @NotBlank String groupId,
        @DefaultValue("") String topicPrefix,
        @DefaultValue("2s") @NotNull Duration debounce,
        @DefaultValue("1d") @NotNull Duration resyncBack,
        @DefaultValue("365d") @NotNull Duration resyncAhead,
        @DefaultValue("4") @Min(1) @Max(64) int mailboxConcurrency,
        @DefaultValue("16") @Min(1) @Max(1024) int concurrency,
        @DefaultValue("500") @Min(1) @Max(100_000) int maxBatch,
        @DefaultValue("5000") @Min(1) @Max(1_000_000) int maxBuffered,
        @DefaultValue("5s") @NotNull Duration rxConnectTimeout,
        @DefaultValue("10s") @NotNull Duration rxTimeout,
        @DefaultValue("30s") @NotNull Duration exchangeTimeout,
        @DefaultValue("1s") @NotNull Duration retryInitial,
        @DefaultValue("60s") @NotNull Duration retryCap,
        @DefaultValue("20s") @NotNull Duration revokeGrace,
        @DefaultValue("true") boolean consume,
        @DefaultValue("5m") Duration parkedRetry) {

    /** The longest sync window: EWS refuses a CalendarView over two years (ErrorCalendarViewRangeTooBig). */
    public static final Duration MAX_WINDOW = Duration.ofDays(730);

    @org.springframework.boot.context.properties.bind.ConstructorBinding
    public ForwarderSettings {
        if (parkedRetry == null) {
            parkedRetry = Duration.ofMinutes(5);
        }
        requirePositive(parkedRetry, "parked-retry");
        requireNotNegative(debounce, "debounce");
        requirePositive(resyncBack, "resync-back");
        requirePositive(resyncAhead, "resync-ahead");
        if (resyncBack != null && resyncAhead != null && resyncBack.plus(resyncAhead).compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("rxpush.forwarder.resync-back + resync-ahead is " + resyncBack.plus(resyncAhead)
                    .toDays() + " days; the sync window may be at most " + MAX_WINDOW.toDays() + " days (two years), "
                    + "the longest CalendarView Exchange (EWS) answers");
        }
        requirePositive(rxConnectTimeout, "rx-connect-timeout");
        requirePositive(rxTimeout, "rx-timeout");
        requirePositive(exchangeTimeout, "exchange-timeout");
        requirePositive(retryInitial, "retry-initial");
        requirePositive(retryCap, "retry-cap");
        requireNotNegative(revokeGrace, "revoke-grace");
        if (retryCap != null && retryInitial != null && retryCap.compareTo(retryInitial) < 0) {
            throw new IllegalArgumentException("rxpush.forwarder.retry-cap must not be shorter than retry-initial");
        }
        topicPrefix = topicPrefix == null ? "" : topicPrefix.strip();
    }

    /** Settings with the default parked-retry (5 minutes). */
    public ForwarderSettings(String groupId, String topicPrefix, Duration debounce, Duration resyncBack,
            Duration resyncAhead, int mailboxConcurrency, int concurrency, int maxBatch, int maxBuffered,
            Duration rxConnectTimeout, Duration rxTimeout, Duration exchangeTimeout, Duration retryInitial,
            Duration retryCap, Duration revokeGrace, boolean consume) {
        this(groupId, topicPrefix, debounce, resyncBack, resyncAhead, mailboxConcurrency, concurrency, maxBatch,
                maxBuffered, rxConnectTimeout, rxTimeout, exchangeTimeout, retryInitial, retryCap, revokeGrace, consume,
                Duration.ofMinutes(5));
    }

    /** The defaults, for tools and tests that do not bind properties. */
    public static ForwarderSettings defaults() {
        return new ForwarderSettings("rxpush-forwarder", "", Duration.ofSeconds(2), Duration.ofDays(1),
                Duration.ofDays(365), 4, 16, 500, 5000, Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(20), true);
    }

    /** The back-off for transient failures. */
    public Backoff backoff() {
        return new Backoff(retryInitial, retryCap);
    }

    /** A topic's name with the configured prefix. */
    public String topic(String name) {
        return topicPrefix + name;
    }

    private static void requirePositive(Duration value, String name) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException("rxpush.forwarder." + name + " must be positive");
        }
    }

    private static void requireNotNegative(Duration value, String name) {
        if (value != null && value.isNegative()) {
            throw new IllegalArgumentException("rxpush.forwarder." + name + " must not be negative");
        }
    }
}
