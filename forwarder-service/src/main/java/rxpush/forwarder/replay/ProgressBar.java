package rxpush.forwarder.replay;

import java.time.Duration;

/**
 * A progress line for long operations on a terminal: {@code [#######.............]  35%  420/1200  ETA 0:01:52}.
 * The ETA is the rate so far applied to what is left; unknown ({@code ETA ?}) until something is done.
 */
public final class ProgressBar {

    static final int WIDTH = 20;

    private ProgressBar() {
    }

    public static String line(long done, long total, Duration elapsed) {
        long clamped = Math.max(0, Math.min(done, total));
        int percent = total <= 0 ? 100 : (int) (clamped * 100 / total);
        int filled = total <= 0 ? WIDTH : (int) (clamped * WIDTH / total);
        String eta;
        if (clamped >= total) {
            eta = "0:00:00";
        } else if (clamped == 0 || elapsed.isZero() || elapsed.isNegative()) {
            eta = "?";
        } else {
            long seconds = (long) Math.ceil(elapsed.toMillis() / 1000.0 * (total - clamped) / clamped);
            eta = String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
        }
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + String.format("%3d%%", percent) + "  "
                + clamped + "/" + total + "  ETA " + eta;
    }
}
