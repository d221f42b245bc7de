package rxpush.subscription.engine;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rxpush.common.contract.Protocol;
import rxpush.common.contract.SubscriptionStatus;

/**
 * Deletes Graph subscriptions of this app that point at our notification URL but that the registry
 * does not hold as the current subscription of a mailbox this instance owns: left behind by a crash
 * between Graph's answer and the ACTIVE write, by a failed DELETE, or by a mailbox removed while
 * rx-push was down. Mailboxes of partitions owned elsewhere are left to their owner; a mailbox with a
 * creation in flight is skipped (its new subscription is not in the registry yet).
 */
final class OrphanSweep {

    private static final Logger log = LoggerFactory.getLogger(OrphanSweep.class);

    private final SubscriptionEngine engine;
    private final Actions actions;

    OrphanSweep(SubscriptionEngine engine, Actions actions) {
        this.engine = engine;
        this.actions = actions;
    }

    void run() {
        List<GraphClient.Subscription> all;
        try {
            all = engine.graph.list();
        } catch (ExchangeException e) {
            if (e.kind() == ExchangeException.Kind.THROTTLED) {
                engine.dispatcher.pause(Protocol.GRAPH, engine.clock.instant().plus(e.retryAfter()));
            }
            log.info("Orphan sweep skipped: listing Graph subscriptions failed ({})", e.getMessage());
            return;
        }
        List<GraphClient.Subscription> orphans = new ArrayList<>();
        for (GraphClient.Subscription s : all) {
            if (s.mailbox() == null || !ours(s.notificationUrl())) {
                continue;
            }
            int partition = engine.settings.partitionOf().applyAsInt(s.mailbox());
            OwnedPartition owned = engine.partitions.get(partition);
            if (owned == null || !owned.active) {
                continue;
            }
            MailboxState m = engine.mailboxes.get(s.mailbox());
            if (m == null) {
                orphans.add(s);
                continue;
            }
            synchronized (m) {
                boolean creating = m.busy || m.pending != null
                        || (m.current != null && m.current.status() == SubscriptionStatus.PENDING);
                if (!creating && !s.id().equals(m.activeSubscriptionId())) {
                    orphans.add(s);
                }
            }
        }
        for (GraphClient.Subscription orphan : orphans) {
            log.info("Deleting orphan Graph subscription {} of {}", orphan.id(), orphan.mailbox());
            actions.deleteQuietly(orphan.id(), orphan.mailbox());
        }
        if (!orphans.isEmpty()) {
            log.info("Orphan sweep deleted {} Graph subscriptions", orphans.size());
        }
    }

    /** Our notificationUrl: the shared one of older versions, or one of its per-subscription children. */
    private boolean ours(java.net.URI url) {
        String shared = engine.settings.graphNotificationUrl().toString();
        return url != null && (url.toString().equals(shared) || url.toString().startsWith(shared + "/")
                && url.toString().indexOf('/', shared.length() + 1) < 0);
    }
}
