package rxpush.ingress.graph;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import rxpush.ingress.IngressSettings;

/**
 * A token bucket of items per Graph subscription: {@code graph-item-burst} at once, refilled at
 * {@code graph-items-per-second}. It bounds what a leaked clientState or notification URL can make
 * the forwarder fetch, so it counts what costs a fetch: an item the subscription named within the
 * last {@link #REPEAT} is free (Graph sends 2-4 notifications per change, and the forwarder reads
 * an item once per debounce however often it is named), a new item takes a token. Buckets exist
 * only for subscriptions the registry knows (the caller checks the token first), so the map is
 * bounded by the registry; a bucket untouched for an hour is forgotten when the next one is created.
 */
@Component
class SubscriptionBudgets {

    private static final Duration IDLE = Duration.ofHours(1);
    /** How long an item a subscription named stays free to name again. */
    static final Duration REPEAT = Duration.ofMinutes(1);
    /** Items remembered per subscription; older ones cost a token again. */
    static final int RECENT_ITEMS = 1024;

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
     * Takes {@code items} new items from the subscription's budget.
     *
     * @return zero when taken, else how long until that many items are available (nothing is taken)
     */
    Duration take(String subscriptionRecordId, int items) {
        return take(subscriptionRecordId, items, List.of());
    }

    /**
     * Takes a token for each of {@code itemKeys} the subscription did not name within {@link #REPEAT}.
     *
     * @return zero when taken (the keys are then remembered), else how long until enough tokens are
     *         available (nothing is taken)
     */
    Duration take(String subscriptionRecordId, Collection<String> itemKeys) {
        return take(subscriptionRecordId, -1, itemKeys);
    }

    private Duration take(String subscriptionRecordId, int counted, Collection<String> itemKeys) {
        long now = clock.millis();
        if (!buckets.containsKey(subscriptionRecordId)) {
            buckets.values().removeIf(b -> now - b.touched > IDLE.toMillis());
        }
        Bucket bucket = buckets.computeIfAbsent(subscriptionRecordId, id -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.touched) / 1000.0 * perSecond);
            bucket.touched = now;
            int items = counted >= 0 ? counted : fresh(bucket, itemKeys, now);
            if (bucket.tokens >= items) {
                bucket.tokens -= items;
                itemKeys.forEach(key -> bucket.recent.put(key, now));
                return Duration.ZERO;
            }
            return Duration.ofMillis((long) Math.ceil((items - bucket.tokens) / perSecond * 1000));
        }
    }

    private static int fresh(Bucket bucket, Collection<String> itemKeys, long now) {
        int fresh = 0;
        Set<String> counted = new HashSet<>();
        for (String key : itemKeys) {
            Long seen = bucket.recent.get(key);
            if ((seen == null || now - seen > REPEAT.toMillis()) && counted.add(key)) {
                fresh++;
            }
        }
        return fresh;
    }

    private static final class Bucket {
        double tokens;
        volatile long touched;
        /** Item key to when it was last named, least recently named first; guarded by the bucket. */
        final Map<String, Long> recent = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > RECENT_ITEMS;
            }
        };

        Bucket(double tokens, long touched) {
            this.tokens = tokens;
            this.touched = touched;
        }
    }
}
