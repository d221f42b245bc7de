package rxpush.ingress.ews;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Remembers, per EWS subscription, the last watermark seen and the recent ones, to tell a gap
 * (events Exchange could not deliver) from a retry.
 *
 * <p>Ingress is stateless and horizontally scaled: consecutive pushes of one subscription may land
 * on different instances, and any instance may restart. So the memory is fed both by this
 * instance's own pushes and by the heartbeats every instance writes to the signals topic
 * ({@link SignalsFollower}), and a gap is only claimed when the evidence is clear:
 * <ul>
 *   <li>a last watermark is known for the subscription (after a restart, or for a new
 *       subscription, nothing is claimed; a gap before a subscription's first push is the
 *       subscription service's to see, as only the owner knows the watermark it started from:
 *       its {@code FirstPush} check);</li>
 *   <li>the push's PreviousWatermark differs from it;</li>
 *   <li>and it is not a watermark already seen: Exchange retries an unanswered push with the same
 *       PreviousWatermark, and heartbeats from other instances may arrive late and out of order.</li>
 * </ul>
 * A false MISSED costs one mailbox resync, so a gap is claimed here only when it is sure.
 * Keyed by mailbox and subscription id. Bounded: {@link #REMEMBERED} watermarks per subscription
 * and {@link #MAX_SUBSCRIPTIONS} subscriptions (least recently used forgotten).
 */
public final class WatermarkTracker {

    static final int REMEMBERED = 64;
    static final int MAX_SUBSCRIPTIONS = 100_000;

    private final Map<String, History> histories = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, History> eldest) {
            return size() > MAX_SUBSCRIPTIONS;
        }
    };

    /**
     * True when a push with this PreviousWatermark shows that events were missed (see class
     * comment); false when unsure.
     */
    public synchronized boolean isGap(String mailbox, String subscriptionId, String previousWatermark) {
        History history = histories.get(key(mailbox, subscriptionId));
        return previousWatermark != null && history != null && history.last != null
                && !history.last.equals(previousWatermark) && !history.seen.contains(previousWatermark);
    }

    /**
     * Records the watermarks of one push, oldest first; the last one becomes the subscription's last
     * watermark.
     */
    public synchronized void observe(String mailbox, String subscriptionId, List<String> watermarks) {
        if (watermarks.isEmpty()) {
            return;
        }
        History history = histories.computeIfAbsent(key(mailbox, subscriptionId), k -> new History());
        for (String watermark : watermarks) {
            history.seen.remove(watermark);
            history.seen.add(watermark);
            if (history.seen.size() > REMEMBERED) {
                history.seen.remove(history.seen.iterator().next());
            }
        }
        history.last = watermarks.getLast();
    }

    /** The last watermark known for the subscription, or null. */
    public synchronized String last(String mailbox, String subscriptionId) {
        History history = histories.get(key(mailbox, subscriptionId));
        return history == null ? null : history.last;
    }

    private static String key(String mailbox, String subscriptionId) {
        return mailbox + '\n' + subscriptionId;
    }

    private static final class History {
        private String last;
        private final LinkedHashSet<String> seen = new LinkedHashSet<>();
    }
}
