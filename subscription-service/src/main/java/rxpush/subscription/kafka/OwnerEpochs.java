package rxpush.subscription.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rxpush.common.contract.SubscriptionState;

/**
 * The {@code ownerEpoch} a new owner writes into its records: derived from the producer id and epoch
 * the transaction coordinator gave our transactional id at initTransactions (both only grow for a
 * transactional id), and never below the highest epoch already in the partition plus one. So it grows
 * with each change of owner, also across an empty group, unlike the group generation.
 */
public final class OwnerEpochs {

    private static final Logger log = LoggerFactory.getLogger(OwnerEpochs.class);

    private final Admin admin;
    private final Duration timeout;

    public OwnerEpochs(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    public long next(String transactionalId, Collection<SubscriptionState> existing) {
        long seen = existing.stream().mapToLong(SubscriptionState::ownerEpoch).max().orElse(0);
        long fromProducer = 0;
        try {
            TransactionDescription d = admin.describeTransactions(List.of(transactionalId)).description(transactionalId)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            fromProducer = (d.producerId() << 16) | (d.producerEpoch() & 0xFFFF);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("Could not describe transactional id {} ({}); owner epoch continues from the partition's records",
                    transactionalId, e.toString());
        }
        return Math.max(fromProducer, seen + 1);
    }
}
