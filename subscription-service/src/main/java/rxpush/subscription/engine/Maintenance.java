package rxpush.subscription.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.Protocol;
import rxpush.common.contract.SubscriptionState;

/**
 * The pass that runs every process-interval: re-plans every owned mailbox (a safety net under the
 * event-driven work), writes EWS heartbeats and watermarks back to the registry when they have moved
 * on, requests the periodic reconcile of mailboxes that are due ({@link Reconcile}), tombstones
 * OBSOLETE records past their retention, forgets removed mailboxes, and sweeps Graph for orphan
 * subscriptions.
 */
final class Maintenance {

    private static final Logger log = LoggerFactory.getLogger(Maintenance.class);
    /** Records per registry transaction in the pass. */
    static final int CHUNK = 500;

    private final SubscriptionEngine engine;
    private final Actions actions;
    private Instant nextSweepAt = Instant.MIN;

    Maintenance(SubscriptionEngine engine, Actions actions) {
        this.engine = engine;
        this.actions = actions;
    }

    void run() {
        Instant now = engine.clock.instant();
        for (OwnedPartition owned : List.copyOf(engine.partitions.values())) {
            if (owned.active) {
                try {
                    pass(owned, now);
                } catch (OwnershipLostException e) {
                    engine.lost(owned.partition);
                } catch (RuntimeException e) {
                    log.warn("Maintenance of partition {} failed; the next pass retries: {}", owned.partition, e.toString());
                }
            }
        }
        Duration sweep = engine.settings.orphanSweepInterval();
        if (engine.graph != null && !sweep.isZero() && !now.isBefore(nextSweepAt)) {
            nextSweepAt = now.plus(sweep);
            new OrphanSweep(engine, actions).run();
        }
    }

    private void pass(OwnedPartition owned, Instant now) {
        List<SubscriptionState> states = new ArrayList<>();
        List<String> tombstones = new ArrayList<>();
        List<ChangeNotification> resyncs = new ArrayList<>();
        List<Runnable> onWritten = new ArrayList<>();
        Reconcile reconcile = new Reconcile(engine.settings.reconcileInterval(), engine.settings.reconcileMaxPerPass());
        Instant expired = now.minus(engine.settings.obsoleteRetention());
        for (String address : List.copyOf(owned.mailboxes)) {
            MailboxState m = engine.mailboxes.get(address);
            if (m == null) {
                continue;
            }
            boolean forget;
            synchronized (m) {
                for (SubscriptionState old : List.copyOf(m.obsolete)) {
                    if (old.updatedAt().isBefore(expired)) {
                        tombstones.add(old.id());
                        onWritten.add(() -> {
                            synchronized (m) {
                                m.obsolete.remove(old);
                            }
                        });
                    }
                }
                SubscriptionState refreshed = m.busy ? null : refreshed(m, owned.epoch, now);
                if (refreshed != null) {
                    SubscriptionState before = m.current;
                    states.add(refreshed);
                    onWritten.add(() -> {
                        synchronized (m) {
                            if (m.current == before) {
                                m.current = refreshed;
                            }
                        }
                    });
                }
                ChangeNotification deferred = deferredResync(m, now);
                if (deferred != null) {
                    resyncs.add(deferred);
                }
                ChangeNotification due = m.busy || deferred != null ? null : reconcile.due(m, now);
                if (due != null) {
                    resyncs.add(due);
                }
                forget = !m.busy && m.registration == null && m.current == null && m.obsolete.isEmpty();
            }
            if (forget) {
                owned.mailboxes.remove(address);
                engine.mailboxes.remove(address, m);
                engine.dispatcher.cancel(address);
            } else {
                engine.reschedule(m);
            }
            if (states.size() + tombstones.size() + resyncs.size() >= CHUNK) {
                flush(owned, states, tombstones, resyncs, onWritten);
            }
        }
        flush(owned, states, tombstones, resyncs, onWritten);
        if (reconcile.requested() > 0) {
            log.info("Periodic reconcile: RESYNC requested for {} mailbox(es) of partition {}", reconcile.requested(),
                    owned.partition);
        }
    }

    /** The RESYNC for Graph {@code missed} events coalesced by {@link Signals}, once its interval has passed. */
    private static ChangeNotification deferredResync(MailboxState m, Instant now) {
        if (m.resyncDeferredSince == null) {
            return null;
        }
        if (m.lastResyncAt != null && m.lastResyncAt.isAfter(m.resyncDeferredSince)) {
            m.resyncDeferredSince = null; // a later RESYNC covered it
            return null;
        }
        if (m.lastResyncAt != null && now.isBefore(m.lastResyncAt.plus(Signals.MIN_RESYNC_INTERVAL))) {
            return null;
        }
        m.resyncDeferredSince = null;
        m.lastResyncAt = now;
        return StateBuilder.resync(m.address, Protocol.GRAPH, "Graph reported missed notifications", now);
    }

    /** The ACTIVE EWS record with the live heartbeat and watermark, when the registry's copy is stale. */
    private SubscriptionState refreshed(MailboxState m, long epoch, Instant now) {
        SubscriptionState s = m.current;
        if (s == null || !m.active() || s.protocol() != Protocol.EWS) {
            return null;
        }
        Duration every = engine.settings.statePersistInterval();
        boolean heartbeatStale = m.lastHeartbeatAt != null && (s.lastHeartbeatAt() == null
                || Duration.between(s.lastHeartbeatAt(), m.lastHeartbeatAt).compareTo(every) >= 0);
        boolean watermarkStale = m.watermarkAt != null && m.watermark != null && !m.watermark.equals(s.watermark())
                && (s.watermarkAt() == null || Duration.between(s.watermarkAt(), m.watermarkAt).compareTo(every) >= 0);
        if (!heartbeatStale && !watermarkStale) {
            return null;
        }
        return StateBuilder.withLiveSignals(m).build(epoch, now);
    }

    private static void flush(OwnedPartition owned, List<SubscriptionState> states, List<String> tombstones,
            List<ChangeNotification> resyncs, List<Runnable> onWritten) {
        if (states.isEmpty() && tombstones.isEmpty() && resyncs.isEmpty()) {
            return;
        }
        owned.store.write(new Batch(List.copyOf(states), List.copyOf(tombstones), List.copyOf(resyncs)));
        onWritten.forEach(Runnable::run);
        states.clear();
        tombstones.clear();
        resyncs.clear();
        onWritten.clear();
    }
}
