package rxpush.ingress.graph;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import rxpush.ingress.IngressSettings;

/**
 * A token bucket of items per Graph subscription: {@code graph-item-burst} at once, refilled at
 * {@code graph-items-per-second}. It bounds what a leaked clientState or notification URL can make
 * the forwarder fetch. Buckets exist only for subscriptions the registry knows (the caller checks
 * the token first), so the map is bounded by the registry; a bucket untouched for an hour is
 * forgotten when the next one is created.
 */
@Component
class SubscriptionBudgets {

    private static final Duration IDLE = Duration.ofHours(1);

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final double perSecond;
    private final double burst;
    private final Clock clock;

    SubscriptionBudgets(IngressSettings settings, Clock clock) {
        this.perSecond = settings.ingress().graphItemsPerSecond();
        this.burst = settings.ingress().graphItemBurst();
        this.clock = clock;
    }

    /**
     * Takes {@code items} from the subscription's budget.
     *
     * @return zero when taken, else how long until that many items are available (nothing is taken)
     */
    Duration take(String subscriptionRecordId, int items) {
        long now = clock.millis();
        if (!buckets.containsKey(subscriptionRecordId)) {
            buckets.values().removeIf(b -> now - b.touched > IDLE.toMillis());
        }
        Bucket bucket = buckets.computeIfAbsent(subscriptionRecordId, id -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.touched) / 1000.0 * perSecond);
            bucket.touched = now;
            if (bucket.tokens >= items) {
                bucket.tokens -= items;
                return Duration.ZERO;
            }
            return Duration.ofMillis((long) Math.ceil((items - bucket.tokens) / perSecond * 1000));
        }
    }

    private static final class Bucket {
        double tokens;
        volatile long touched;

        Bucket(double tokens, long touched) {
            this.tokens = tokens;
            this.touched = touched;
        }
    }
}
