package rxpush.subscription.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.Protocol;
import rxpush.common.contract.SecretHash;
import rxpush.common.contract.SubscriptionState;
import rxpush.common.contract.SubscriptionStatus;

/**
 * How a subscription comes to be, for every action that makes one (create, EWS recovery, Graph
 * recreate): PENDING written, Exchange/Graph asked, ACTIVE written with what it replaces.
 *
 * <p>Order of writes, the contract with ingress: the PENDING record (with the hash of the EWS token or
 * of the Graph clientState) is committed before Exchange/Graph is asked, because Exchange sends a
 * StatusEvent and Graph a validation request at once; the ACTIVE record follows with the
 * subscription id. A replaced subscription becomes OBSOLETE only in the batch that writes its
 * successor ACTIVE.
 */
final class Creation {

    private static final Logger log = LoggerFactory.getLogger(Creation.class);

    private final SubscriptionEngine engine;

    Creation(SubscriptionEngine engine) {
        this.engine = engine;
    }

    /**
     * Writes PENDING (and tombstones {@code staleIds}), asks Exchange/Graph, and returns the ACTIVE record
     * (not yet written). On failure the PENDING record is tombstoned and the exception rethrown: a
     * PENDING record has no subscription id, so it cannot become OBSOLETE. Should the request have
     * created something after all, ingress answers its pushes 404 (Exchange gives up on it) and the
     * orphan sweep deletes it at Graph.
     */
    SubscriptionState subscribe(MailboxState m, OwnedPartition owned, Protocol protocol,
            String watermark, List<String> staleIds) throws ExchangeException {
        Instant now = engine.clock.instant();
        // Fresh secrets for every subscription made (first, recovered or recreated): a replaced
        // subscription's token and clientState stop working once its record is gone.
        String secret = SecretHash.newSecret();
        String urlToken = protocol == Protocol.EWS ? secret : SecretHash.newSecret();
        StateBuilder pendingBuilder = StateBuilder.pending(m.address, protocol, now).tokenHash(SecretHash.hash(urlToken));
        if (protocol == Protocol.GRAPH) {
            pendingBuilder.clientStateHash(SecretHash.hash(secret));
        }
        SubscriptionState pending = pendingBuilder.build(owned.epoch, now);
        owned.store.write(new Batch(List.of(pending), staleIds, List.of()));
        synchronized (m) {
            if (m.current == null || m.current.status() != SubscriptionStatus.ACTIVE) {
                m.current = pending;
            }
            m.pending = pending;
        }
        try {
            if (protocol == Protocol.EWS) {
                EwsClient.Subscribed s = ews().subscribe(m.address, engine.settings.ewsUrl().apply(secret),
                        engine.settings.statusFrequencyMinutes(), watermark);
                Instant at = engine.clock.instant();
                return StateBuilder.from(pending).status(SubscriptionStatus.ACTIVE).subscriptionId(s.subscriptionId())
                        .watermark(s.watermark(), s.watermark() == null ? null : at).build(owned.epoch, at);
            }
            Instant at = engine.clock.instant();
            GraphClient.Subscription s = graph().create(m.address, secret, urlToken, at.plus(engine.settings.graphLifetime()));
            return StateBuilder.from(pending).status(SubscriptionStatus.ACTIVE).subscriptionId(s.id())
                    .expiresAt(s.expiresAt()).build(owned.epoch, engine.clock.instant());
        } catch (ExchangeException e) {
            abandon(m, owned, pending);
            throw e;
        }
    }

    /** Tombstones a PENDING record whose request failed. */
    private void abandon(MailboxState m, OwnedPartition owned, SubscriptionState pending) {
        try {
            owned.store.write(new Batch(List.of(), List.of(pending.id()), List.of()));
        } catch (OwnershipLostException e) {
            throw e;
        } catch (RuntimeException e) {
            // The next creation (or the next owner) tombstones it.
            log.warn("Could not retire the pending subscription record of {}: {}", m.address, e.toString());
            return;
        }
        synchronized (m) {
            if (m.current == pending) {
                m.current = null;
            }
            if (m.pending == pending) {
                m.pending = null;
            }
        }
    }

    /**
     * Writes the ACTIVE record (and what it replaces), with the expectation of its first push, and makes
     * it current. A first push that beat this write is judged here.
     */
    void finish(MailboxState m, SubscriptionState created, String resumedFrom,
            List<SubscriptionState> retire, ChangeNotification resync, OwnedPartition owned,
            Instant startedAt) {
        SubscriptionState active = FirstPush.expect(created, resumedFrom);
        FirstPush.Judged early = null;
        List<SubscriptionState> states = new ArrayList<>(retire);
        states.add(active);
        owned.store.write(new Batch(states, List.of(), resync == null ? List.of() : List.of(resync)));
        synchronized (m) {
            m.obsolete.addAll(retire);
            m.current = active;
            m.pending = null;
            m.watchSince = active.updatedAt();
            m.lastHeartbeatAt = null;
            m.lastPushAt = null;
            m.watermark = active.watermark();
            m.watermarkAt = active.watermarkAt();
            m.watermarkBeforePush = null;
            m.watermarkBeforePushAt = null;
            m.chain.restart(active.watermark());
            if (active.subscriptionId().equals(m.earlySubscriptionId)) {
                // Exchange's first StatusEvent beat our ACTIVE write.
                m.lastHeartbeatAt = m.earlySignalAt;
                if (m.earlyWatermark != null) {
                    m.watermark = m.earlyWatermark;
                    m.watermarkAt = m.earlySignalAt;
                }
                m.chain.observe(java.util.Arrays.asList(m.earlyPreviousWatermark, m.earlyWatermark));
                early = FirstPush.judge(m, m.earlyPreviousWatermark, owned.epoch, engine.clock.instant());
            }
            m.earlySubscriptionId = null;
            m.earlyPreviousWatermark = null;
            m.clearRequests();
            m.succeeded();
            if (resync != null || (early != null && early.gap())) {
                m.lastResyncAt = startedAt;
            }
        }
        if (early != null) {
            FirstPush.write(owned.store, m.address, early, resync != null, startedAt);
        }
    }

    private EwsClient ews() throws ExchangeException {
        if (engine.ews == null) {
            throw ExchangeException.of(ExchangeException.Kind.PERMANENT, "an EWS mailbox needs rxpush.ews.url");
        }
        return engine.ews;
    }

    GraphClient graph() throws ExchangeException {
        if (engine.graph == null) {
            throw ExchangeException.of(ExchangeException.Kind.PERMANENT, "a GRAPH mailbox needs rxpush.graph.client-id");
        }
        return engine.graph;
    }
}
