package rxpush.subscription.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.LifecycleNotification;
import rxpush.common.contract.Protocol;
import rxpush.common.contract.SubscriptionHealth;
import rxpush.common.contract.SubscriptionState;

/**
 * Applies what ingress reports, and judges it: EWS heartbeats with each push's PreviousWatermark and
 * newest watermark (STATUS: the watermark chain is judged here, {@link WatermarkChain}, or for a new
 * subscription's first push by {@link FirstPush}), EWS error pushes (MISSED: Exchange said
 * ResponseClass="Error", so events may be lost: resubscribe, then RESYNC), item notifications (for
 * "last notification"), and Graph lifecycle events. Ingress only records facts; every judgement of a
 * gap is made here, by the mailbox's owner.
 *
 * <p>Lifecycle events are acted on once: a notification id seen before is ignored, an event for a
 * subscription that is no longer the mailbox's current one is ignored (it was already replaced), and
 * a repeat of an event that arrived before the matching action was done is ignored. The decision to
 * act is written at once as the subscription's health (with the consumer's offset in the same
 * transaction), so a new owner continues the work instead of redoing or forgetting it.
 */
final class Signals {

    /**
     * Graph {@code missed} events for one mailbox cause at most one RESYNC per this interval; later ones
     * within it are coalesced into one RESYNC at its end (a RESYNC reads the whole calendar window).
     */
    static final Duration MIN_RESYNC_INTERVAL = Duration.ofMinutes(5);


    private static final Logger log = LoggerFactory.getLogger(Signals.class);
    private static final int REMEMBERED_IDS = 100_000;
    static final String REAUTHORIZATION_REASON = "Graph asked for reauthorization";

    private final SubscriptionEngine engine;
    private final Map<String, Boolean> seenLifecycleIds = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_IDS;
        }
    };

    Signals(SubscriptionEngine engine) {
        this.engine = engine;
    }

    /** Restores live fields from the registry record after a takeover. */
    static void restore(MailboxState m, Instant now) {
        SubscriptionState s = m.current;
        if (s == null) {
            return;
        }
        m.watermark = s.watermark();
        m.watermarkAt = s.watermarkAt();
        m.lastHeartbeatAt = s.lastHeartbeatAt();
        m.lastNotificationAt = s.lastNotificationAt();
        m.chain.restart(s.watermark());
        // A full silence window from the takeover: heartbeats the previous owner saw after its last
        // persist are not in the record, and resubscribing everything at failover would be a storm.
        m.watchSince = now;
        if (s.protocol() == Protocol.EWS && s.health() == SubscriptionHealth.RECOVERING) {
            m.recoverRequested = true;
            m.requestReason = s.lastError();
        } else if (s.protocol() == Protocol.GRAPH && s.health() == SubscriptionHealth.LAPSED) {
            m.recreateRequested = true;
            m.requestReason = s.lastError();
        } else if (s.protocol() == Protocol.GRAPH && s.health() == SubscriptionHealth.DEGRADED) {
            // Reauthorization was asked for, or a renewal was failing: renewing now is cheap and safe.
            m.renewRequested = true;
            if (REAUTHORIZATION_REASON.equals(s.lastError())) {
                // Paused since that record at the latest: the RESYNC after the renewal covers it.
                m.pausedSince = s.updatedAt();
            }
        }
    }

    void signal(int partition, ChangeNotification n) {
        MailboxState m = engine.mailboxes.get(n.mailbox());
        if (m == null || m.partition != partition || engine.owner(m) == null) {
            return;
        }
        SubscriptionState intent = null;
        FirstPush.Judged firstPush = null;
        OwnedPartition owned = engine.owner(m);
        synchronized (m) {
            String activeId = m.activeSubscriptionId();
            boolean forActive = activeId != null && activeId.equals(n.subscriptionId());
            switch (n.changeType()) {
                case STATUS -> {
                    if (forActive) {
                        boolean gap = m.current.protocol() == Protocol.EWS && m.current.firstPushFrom() == null
                                && !m.recoverRequested && m.chain.isGap(n.previousWatermark());
                        if (gap) {
                            // Resume from the last watermark before the gap: Exchange replays what was lost.
                            m.recoveryWatermark = m.watermark;
                            m.recoveryWatermarkAt = m.watermarkAt;
                            m.recoverRequested = true;
                            m.requestReason = WatermarkChain.GAP_REASON;
                        }
                        heartbeat(m, n);
                        m.chain.observe(java.util.Arrays.asList(n.previousWatermark(), n.watermark()));
                        firstPush = FirstPush.judge(m, n.previousWatermark(), owned.epoch, engine.clock.instant());
                        if (gap) {
                            intent = StateBuilder.withLiveSignals(m).health(SubscriptionHealth.RECOVERING)
                                    .lastError(m.requestReason).build(owned.epoch, engine.clock.instant());
                            m.current = intent;
                        }
                    } else if (m.pending != null && n.subscriptionId() != null) {
                        if (!n.subscriptionId().equals(m.earlySubscriptionId)) {
                            // The first push of the subscription being created is the one to judge.
                            m.earlyPreviousWatermark = n.previousWatermark();
                        }
                        m.earlySubscriptionId = n.subscriptionId();
                        m.earlySignalAt = n.receivedAt();
                        m.earlyWatermark = n.watermark();
                    }
                }
                case MISSED -> {
                    // Ingress records an EWS push whose ResponseClass is "Error" (ErrorMissedNotificationEvents,
                    // with or without a Notification): Exchange says events may be lost. Resubscribe from
                    // the last good watermark, and RESYNC once resubscribed whatever the replay brings.
                    if (!forActive || m.current.protocol() != Protocol.EWS) {
                        return;
                    }
                    if (m.recoverRequested) {
                        m.resyncAfterRecovery = true;
                        return;
                    }
                    boolean sameAsLastPush = n.receivedAt().equals(m.lastPushAt);
                    m.recoveryWatermark = sameAsLastPush ? m.watermarkBeforePush : m.watermark;
                    m.recoveryWatermarkAt = sameAsLastPush ? m.watermarkBeforePushAt : m.watermarkAt;
                    m.recoverRequested = true;
                    m.resyncAfterRecovery = true;
                    m.requestReason = "Exchange sent an error push" + (n.reason() == null ? "" : ": " + n.reason());
                    intent = StateBuilder.from(m.current).health(SubscriptionHealth.RECOVERING)
                            .lastError(m.requestReason).build(owned.epoch, engine.clock.instant());
                    m.current = intent;
                }
                case CREATED, UPDATED, DELETED, MOVED -> {
                    if (forActive) {
                        if (m.lastNotificationAt == null || n.receivedAt().isAfter(m.lastNotificationAt)) {
                            m.lastNotificationAt = n.receivedAt();
                        }
                        if (m.current.protocol() == Protocol.EWS) {
                            bumpHeartbeat(m, n.receivedAt());
                        }
                    }
                }
                case RESYNC -> {
                }
            }
        }
        if (intent != null) {
            log.info("Events of {} were missed ({}); recovering its EWS subscription", m.address, intent.lastError());
            owned.store.submit(Batch.of(intent));
            engine.reschedule(m);
        }
        if (firstPush != null) {
            FirstPush.write(owned.store, m.address, firstPush, false, firstPush.cleared().updatedAt());
        }
    }

    private static void heartbeat(MailboxState m, ChangeNotification n) {
        Instant at = n.receivedAt();
        if (!at.equals(m.lastPushAt)) {
            m.watermarkBeforePush = m.watermark;
            m.watermarkBeforePushAt = m.watermarkAt;
            m.lastPushAt = at;
        }
        bumpHeartbeat(m, at);
        if (n.watermark() != null) {
            m.watermark = n.watermark();
            m.watermarkAt = at;
        }
    }

    private static void bumpHeartbeat(MailboxState m, Instant at) {
        if (m.lastHeartbeatAt == null || at.isAfter(m.lastHeartbeatAt)) {
            m.lastHeartbeatAt = at;
        }
    }

    void lifecycle(int partition, LifecycleNotification n) {
        synchronized (seenLifecycleIds) {
            if (seenLifecycleIds.putIfAbsent(n.notificationId(), Boolean.TRUE) != null) {
                log.debug("Lifecycle notification {} seen before; ignored", n.notificationId());
                return;
            }
        }
        MailboxState m = engine.mailboxes.get(n.mailbox());
        OwnedPartition owned = m == null || m.partition != partition ? null : engine.owner(m);
        if (owned == null) {
            return;
        }
        Instant now = engine.clock.instant();
        Batch intent = null;
        synchronized (m) {
            if (!n.subscriptionId().equals(m.activeSubscriptionId())) {
                log.debug("Lifecycle {} for {} concerns subscription {} which is no longer current; ignored",
                        n.event(), m.address, n.subscriptionId());
                return;
            }
            switch (n.event()) {
                case REAUTHORIZATION_REQUIRED -> {
                    if (m.renewRequested || (m.lastRenewedAt != null && !n.receivedAt().isAfter(m.lastRenewedAt))) {
                        return;
                    }
                    m.renewRequested = true;
                    m.requestReason = REAUTHORIZATION_REASON;
                    if (m.pausedSince == null) {
                        m.pausedSince = n.receivedAt();
                    }
                    m.current = StateBuilder.from(m.current).health(SubscriptionHealth.DEGRADED)
                            .lastError(m.requestReason).build(owned.epoch, now);
                    intent = Batch.of(m.current);
                }
                case SUBSCRIPTION_REMOVED -> {
                    if (m.recreateRequested) {
                        return;
                    }
                    m.recreateRequested = true;
                    m.requestReason = "Graph removed the subscription";
                    m.current = StateBuilder.from(m.current).health(SubscriptionHealth.LAPSED)
                            .lastError(m.requestReason).build(owned.epoch, now);
                    intent = Batch.of(m.current);
                }
                case MISSED -> {
                    if (m.lastResyncAt != null && !n.receivedAt().isAfter(m.lastResyncAt)) {
                        return;
                    }
                    if (m.lastResyncAt != null && now.isBefore(m.lastResyncAt.plus(MIN_RESYNC_INTERVAL))) {
                        // Every variant of a lifecycle notification passes the dedup on its id: without this
                        // bound, each would read the whole calendar again. Deferred, not dropped.
                        if (m.resyncDeferredSince == null) {
                            m.resyncDeferredSince = n.receivedAt();
                        }
                        return;
                    }
                    m.lastResyncAt = now;
                    intent = Batch.of().withResync(StateBuilder.resync(m.address, Protocol.GRAPH,
                            "Graph reported missed notifications", now));
                }
            }
        }
        log.info("Graph lifecycle {} for {}: acting on it", n.event().graphName(), m.address);
        owned.store.submit(intent);
        engine.reschedule(m);
    }
}
