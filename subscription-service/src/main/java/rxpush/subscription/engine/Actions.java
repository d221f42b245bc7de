package rxpush.subscription.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.Protocol;
import rxpush.common.contract.SubscriptionHealth;
import rxpush.common.contract.SubscriptionState;
import rxpush.common.contract.SubscriptionStatus;
import rxpush.common.retry.Backoff;

/**
 * The Exchange/Graph work of one mailbox: create, recover, renew, recreate, remove. Runs while the
 * mailbox is marked busy (one action per mailbox); reads and updates the mailbox state under its
 * monitor but never holds it during a request. Every action that makes a subscription goes through
 * {@link Creation}, which keeps the order of writes ingress relies on.
 */
final class Actions {

    private static final Logger log = LoggerFactory.getLogger(Actions.class);

    static final String BACKFILL_REASON = "backfill: the mailbox was subscribed, its whole sync window is pushed";

    private final SubscriptionEngine engine;
    private final Creation creation;

    Actions(SubscriptionEngine engine) {
        this.engine = engine;
        this.creation = new Creation(engine);
    }

    void execute(Planner.Kind kind, MailboxState m, OwnedPartition owned) {
        Protocol protocol;
        synchronized (m) {
            protocol = m.protocol();
        }
        try {
            switch (kind) {
                case CREATE -> create(m, owned);
                case RECOVER -> recover(m, owned);
                case RENEW -> renew(m, owned);
                case RECREATE -> recreate(m, owned, reasonOr(m, "subscription expired"));
                case REMOVE -> remove(m, owned);
                case NONE -> {
                }
            }
            reported(kind, protocol, "ok");
        } catch (ExchangeException e) {
            reported(kind, protocol, e.kind().name().toLowerCase(java.util.Locale.ROOT));
            failed(m, owned, protocol, e);
        } catch (OwnershipLostException e) {
            engine.lost(owned.partition);
        } catch (RuntimeException e) {
            reported(kind, protocol, "registry_write_failed");
            // A failed registry write (Kafka unavailable, transaction timeout): nothing was committed.
            failed(m, owned, protocol, new ExchangeException(ExchangeException.Kind.TRANSIENT,
                    "registry write failed: " + e.getClass().getSimpleName(), null, false, e));
        }
    }

    private void reported(Planner.Kind kind, Protocol protocol, String outcome) {
        if (kind != Planner.Kind.NONE && protocol != null) {
            engine.events.action(kind.name().toLowerCase(java.util.Locale.ROOT), protocol, outcome);
        }
    }

    private static String reasonOr(MailboxState m, String fallback) {
        synchronized (m) {
            return m.requestReason != null ? m.requestReason : fallback;
        }
    }

    // ---- create ------------------------------------------------------------------------------

    private void create(MailboxState m, OwnedPartition owned) throws ExchangeException {
        Instant now = engine.clock.instant();
        Protocol protocol;
        List<String> stale = new ArrayList<>();
        synchronized (m) {
            protocol = m.registration.protocol();
            if (m.current != null) {
                // A PENDING record whose creation did not finish: it never got a subscription id.
                stale.add(m.current.id());
            }
        }
        SubscriptionState active = creation.subscribe(m, owned, protocol, null, stale);
        // Backfill: a mailbox that had no subscription may hold bookings RX never got (newly added, or
        // events lost while it was unsubscribed): its whole window is pushed once it is ACTIVE.
        creation.finish(m, active, null, new ArrayList<>(), StateBuilder.resync(m.address, protocol, BACKFILL_REASON,
                now), owned, now);
        synchronized (m) {
            m.backfillRequestedAt = now;
            m.nextReconcileAt = null;
            if (m.inProgressTotal) {
                m.inProgressTotal = false;
                engine.progress.done();
            }
        }
        log.debug("Subscribed {} ({}), subscription {}", m.address, protocol, active.subscriptionId());
    }

    // ---- EWS recovery ------------------------------------------------------------------------

    private void recover(MailboxState m, OwnedPartition owned) throws ExchangeException {
        Instant now = engine.clock.instant();
        SubscriptionState old;
        String watermark;
        Instant watermarkAt;
        String reason;
        boolean silent;
        boolean errorPush;
        synchronized (m) {
            old = m.current;
            errorPush = m.resyncAfterRecovery;
            boolean missed = m.recoverRequested && m.recoveryWatermark != null;
            watermark = missed ? m.recoveryWatermark : m.watermark;
            watermarkAt = missed ? m.recoveryWatermarkAt : m.watermarkAt;
            reason = m.recoverRequested ? reasonOr(m, "events missed") : "silent for longer than status-frequency + status-grace";
            silent = !m.recoverRequested && m.attempts == 0;
        }
        if (silent) {
            engine.events.heartbeatMissed(Protocol.EWS);
        }
        boolean fromWatermark = watermark != null && watermarkAt != null
                && watermarkAt.isAfter(now.minus(EngineSettings.WATERMARK_MAX_AGE));
        SubscriptionState replacement;
        boolean resync = !fromWatermark;
        try {
            replacement = creation.subscribe(m, owned, Protocol.EWS, fromWatermark ? watermark : null, List.of());
        } catch (ExchangeException e) {
            if (e.kind() != ExchangeException.Kind.INVALID_WATERMARK || !fromWatermark) {
                throw e;
            }
            log.info("Watermark of {} refused by Exchange ({}); subscribing fresh and requesting a resync",
                    m.address, e.getMessage());
            replacement = creation.subscribe(m, owned, Protocol.EWS, null, List.of());
            resync = true;
        }
        ChangeNotification resyncRecord = resync ? StateBuilder.resync(m.address, Protocol.EWS,
                "EWS subscription replaced without a usable watermark: " + reason, now)
                : errorPush ? StateBuilder.resync(m.address, Protocol.EWS, "EWS subscription replaced after " + reason, now)
                : null;
        List<SubscriptionState> retire = old == null || old.status() != SubscriptionStatus.ACTIVE ? List.of()
                : List.of(obsolete(old, "replaced: " + reason, owned.epoch, engine.clock.instant()));
        creation.finish(m, replacement, resync ? null : watermark, new ArrayList<>(retire), resyncRecord, owned, now);
        log.info("Recovered EWS subscription of {} ({}){}", m.address, reason,
                (fromWatermark && !resync ? " from its watermark" : "") + (resyncRecord != null ? "; resync requested" : ""));
    }

    // ---- Graph renew / recreate ----------------------------------------------------------------

    private void renew(MailboxState m, OwnedPartition owned) throws ExchangeException {
        SubscriptionState current;
        synchronized (m) {
            current = m.current;
        }
        Instant now = engine.clock.instant();
        Instant granted;
        try {
            granted = creation.graph().renew(current.subscriptionId(), now.plus(engine.settings.graphLifetime()));
        } catch (ExchangeException e) {
            if (e.kind() == ExchangeException.Kind.NOT_FOUND) {
                recreate(m, owned, "renewal answered 404: subscription gone");
                return;
            }
            throw e;
        }
        SubscriptionState renewed = StateBuilder.from(current).expiresAt(granted).health(SubscriptionHealth.HEALTHY)
                .lastError(null).build(owned.epoch, engine.clock.instant());
        Instant pausedSince;
        synchronized (m) {
            pausedSince = m.pausedSince;
        }
        // Graph may hold notifications back while it waits for reauthorization: re-read that time.
        owned.store.write(pausedSince == null ? Batch.of(renewed) : Batch.of(renewed).withResync(StateBuilder.resync(
                m.address, Protocol.GRAPH, "Graph subscription reauthorized; notifications paused since " + pausedSince
                        + " are re-read", now)));
        synchronized (m) {
            if (pausedSince != null) {
                m.pausedSince = null;
                m.lastResyncAt = now;
            }
            if (m.current == current) {
                m.current = renewed;
            }
            m.renewRequested = false;
            m.lastRenewedAt = now;
            m.succeeded();
        }
    }

    private void recreate(MailboxState m, OwnedPartition owned, String reason) throws ExchangeException {
        Instant now = engine.clock.instant();
        SubscriptionState old;
        synchronized (m) {
            old = m.current;
        }
        SubscriptionState replacement = creation.subscribe(m, owned, Protocol.GRAPH, null, List.of());
        List<SubscriptionState> retire = old == null || old.status() != SubscriptionStatus.ACTIVE ? List.of()
                : List.of(obsolete(old, "replaced: " + reason, owned.epoch, engine.clock.instant()));
        creation.finish(m, replacement, null, new ArrayList<>(retire), StateBuilder.resync(m.address, Protocol.GRAPH,
                "Graph subscription recreated: " + reason, now), owned, now);
        synchronized (m) {
            m.lastRecreatedAt = now;
            m.pausedSince = null; // the recreate's RESYNC covers the paused time
        }
        log.info("Recreated Graph subscription of {} ({}); resync requested", m.address, reason);
        if (old != null && old.subscriptionId() != null) {
            deleteQuietly(old.subscriptionId(), m.address);
        }
    }

    // ---- remove ------------------------------------------------------------------------------

    private void remove(MailboxState m, OwnedPartition owned) {
        Instant now = engine.clock.instant();
        SubscriptionState current;
        synchronized (m) {
            current = m.current;
        }
        SubscriptionState retired = obsolete(current, "mailbox removed or disabled", owned.epoch, now);
        owned.store.write(Batch.of(retired));
        synchronized (m) {
            if (m.current == current) {
                m.current = null;
            }
            m.obsolete.add(retired);
            m.clearRequests();
            m.succeeded();
            if (m.inProgressTotal) {
                m.inProgressTotal = false;
                engine.progress.done();
            }
        }
        // EWS push subscriptions cannot be deleted by request: ingress answers Unsubscribe at the next push.
        if (current.protocol() == Protocol.GRAPH && current.subscriptionId() != null) {
            deleteQuietly(current.subscriptionId(), m.address);
        }
        log.info("Unsubscribed {} ({})", m.address, current.protocol());
    }

    /** Best effort: the orphan sweep deletes at Graph whatever the registry holds as OBSOLETE or not at all. */
    void deleteQuietly(String subscriptionId, String mailbox) {
        if (engine.graph == null) {
            return;
        }
        try {
            engine.graph.delete(subscriptionId);
        } catch (ExchangeException e) {
            if (e.kind() == ExchangeException.Kind.THROTTLED) {
                engine.dispatcher.pause(Protocol.GRAPH, engine.clock.instant().plus(e.retryAfter()));
            }
            log.info("Could not delete replaced Graph subscription of {} ({}); the orphan sweep will", mailbox, e.getMessage());
        }
    }

    // ---- failures ----------------------------------------------------------------------------

    private void failed(MailboxState m, OwnedPartition owned, Protocol protocol, ExchangeException e) {
        Instant now = engine.clock.instant();
        Instant retryAt = switch (e.kind()) {
            case THROTTLED -> {
                Duration wait = e.retryAfter() == null ? Duration.ofSeconds(30) : e.retryAfter();
                Instant until = now.plus(wait);
                if (protocol != null) {
                    engine.dispatcher.pause(protocol, until);
                }
                yield until;
            }
            case PERMANENT -> now.plus(engine.settings.processInterval());
            default -> {
                int attempts;
                synchronized (m) {
                    attempts = m.attempts;
                }
                yield now.plus(Backoff.TRANSIENT.delay(attempts));
            }
        };
        SubscriptionState degraded = null;
        synchronized (m) {
            m.failed(e.getMessage(), now, retryAt);
            m.parkedReason = e.kind() == ExchangeException.Kind.PERMANENT ? e.getMessage() : null;
            if (m.active() && m.current.health() == SubscriptionHealth.HEALTHY) {
                degraded = StateBuilder.from(m.current).health(SubscriptionHealth.DEGRADED).lastError(e.getMessage())
                        .build(owned.epoch, now);
                m.current = degraded;
            }
        }
        if (degraded != null) {
            owned.store.submit(Batch.of(degraded));
        }
        log.info("{} request for {} failed ({}): {}; next attempt at {}", protocol, m.address, e.kind(), e.getMessage(), retryAt);
    }

    /** The record made OBSOLETE (it must have a subscription id; PENDING records are tombstoned instead). */
    static SubscriptionState obsolete(SubscriptionState state, String why, long epoch, Instant now) {
        return StateBuilder.from(state).status(SubscriptionStatus.OBSOLETE).lastError(why).firstPushFrom(null)
                .build(epoch, now);
    }

}
