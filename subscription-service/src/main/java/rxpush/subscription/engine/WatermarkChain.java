package rxpush.subscription.engine;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The watermark chain of one EWS subscription, judged by the mailbox's owner: every push names the
 * watermark the previous one ended with (PreviousWatermark), so a push that follows none the owner
 * has seen shows that pushes were lost in between (EWS reference, PreviousWatermark). A push repeating
 * an older watermark is Exchange redelivering one already seen (its first answer was lost), not a gap:
 * the last {@link #REMEMBERED} watermarks count as seen.
 *
 * <p>Ingress only records the facts (each push's PreviousWatermark and newest watermark, in order per
 * mailbox on the signals topic); the judgement lives here, next to the first-push check
 * ({@link FirstPush}), which covers the one push that has no predecessor. Not thread-safe: used under
 * the mailbox's lock.
 */
final class WatermarkChain {

    static final int REMEMBERED = 64;
    static final String GAP_REASON = "events missed (PreviousWatermark does not follow the last watermark seen)";

    private final LinkedHashSet<String> seen = new LinkedHashSet<>();
    private String last;

    /** Starts the chain of a new subscription at the watermark Subscribe answered (null: unknown). */
    void restart(String watermark) {
        seen.clear();
        last = null;
        if (watermark != null) {
            observe(List.of(watermark));
        }
    }

    /** True when a push with this PreviousWatermark does not follow any watermark seen; unknowns are no gap. */
    boolean isGap(String previousWatermark) {
        return previousWatermark != null && last != null && !last.equals(previousWatermark)
                && !seen.contains(previousWatermark);
    }

    /** Records a push's watermarks, oldest first; the last one becomes the chain's end. */
    void observe(List<String> watermarks) {
        for (String watermark : watermarks) {
            if (watermark == null) {
                continue;
            }
            seen.remove(watermark);
            seen.add(watermark);
            last = watermark;
        }
        for (Iterator<String> oldest = seen.iterator(); seen.size() > REMEMBERED; ) {
            oldest.next();
            oldest.remove();
        }
    }

    String last() {
        return last;
    }
}
