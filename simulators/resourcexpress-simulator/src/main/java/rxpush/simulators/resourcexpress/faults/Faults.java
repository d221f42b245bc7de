package rxpush.simulators.resourcexpress.faults;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/** The runtime fault switches of the simulator (REST: {@code /sim/faults}). Thread-safe. */
public final class Faults {

    private final Clock clock;
    private final AtomicReference<FaultSettings> settings;

    /**
     * @param clock the simulator's clock (down windows are on it)
     * @param initial the switches at start; its seed must be set
     */
    public Faults(Clock clock, FaultSettings initial) {
        if (initial.seed() == null) {
            throw new IllegalArgumentException("initial fault settings need a seed");
        }
        this.clock = clock;
        this.settings = new AtomicReference<>(initial);
    }

    public FaultSettings current() {
        return settings.get();
    }

    /** Replaces every switch; a {@code null} seed keeps the current one. */
    public FaultSettings set(FaultSettings next) {
        return settings.updateAndGet(now -> keepSeed(now, next));
    }

    /** Changes some switches, keeping the others. */
    public FaultSettings update(UnaryOperator<FaultSettings.Builder> change) {
        return settings.updateAndGet(now -> keepSeed(now, change.apply(now.toBuilder()).build()));
    }

    private static FaultSettings keepSeed(FaultSettings now, FaultSettings next) {
        return next.seed() != null ? next : next.toBuilder().seed(now.seed()).build();
    }

    /** Every switch off; the seed stays. */
    public FaultSettings clear() {
        return settings.updateAndGet(now -> FaultSettings.none(now.seed()));
    }

    public FaultSettings seed(long seed) {
        return update(b -> b.seed(seed));
    }

    public FaultSettings serverErrors(double rate) {
        return update(b -> b.serverErrorRate(rate));
    }

    public FaultSettings serverErrors(double rate, int status) {
        return update(b -> b.serverErrorRate(rate).serverErrorStatus(status));
    }

    public FaultSettings lostResponses(double rate) {
        return update(b -> b.lostResponseRate(rate));
    }

    public FaultSettings latency(Duration latency) {
        return update(b -> b.latency(latency));
    }

    public FaultSettings latency(Duration latency, Duration jitter) {
        return update(b -> b.latency(latency).latencyJitter(jitter));
    }

    public FaultSettings throttle(double rate, Duration retryAfter) {
        return update(b -> b.throttleRate(rate).retryAfter(retryAfter));
    }

    public FaultSettings rejectApiKey(boolean reject) {
        return update(b -> b.rejectApiKey(reject));
    }

    public FaultSettings rejectApiKey(boolean reject, int status) {
        return update(b -> b.rejectApiKey(reject).rejectStatus(status));
    }

    /** RX is down (503) from now for {@code length}. */
    public DownWindow down(Duration length) {
        return down(length, DownMode.UNAVAILABLE);
    }

    /** RX is down from now for {@code length}. */
    public DownWindow down(Duration length, DownMode mode) {
        Instant now = clock.instant();
        return down(now, now.plus(length), mode);
    }

    public DownWindow down(Instant from, Instant until, DownMode mode) {
        DownWindow window = new DownWindow(from, until, mode);
        settings.updateAndGet(now -> {
            List<DownWindow> windows = new ArrayList<>(now.downWindows());
            windows.add(window);
            return now.toBuilder().downWindows(windows).build();
        });
        return window;
    }

    /** The open down window's mode now, or {@code null}. */
    public DownMode downNow() {
        Instant now = clock.instant();
        return settings.get().downWindows().stream().filter(w -> w.covers(now)).map(DownWindow::mode)
                .findFirst().orElse(null);
    }

    /** Rolls the dice for request number {@code seq}. */
    public FaultPlan plan(long seq) {
        FaultSettings s = settings.get();
        long seed = s.seed();
        Duration delay = s.latency();
        if (!s.latencyJitter().isZero()) {
            delay = delay.plusNanos((long) (FaultDice.roll(seed, seq, FaultDice.JITTER) * s.latencyJitter().toNanos()));
        }
        Duration retryAfter = FaultDice.roll(seed, seq, FaultDice.THROTTLE) < s.throttleRate() ? s.retryAfter() : null;
        int serverError = FaultDice.roll(seed, seq, FaultDice.SERVER_ERROR) < s.serverErrorRate()
                ? s.serverErrorStatus() : 0;
        int lost = FaultDice.roll(seed, seq, FaultDice.LOST_RESPONSE) < s.lostResponseRate()
                ? s.serverErrorStatus() : 0;
        return new FaultPlan(delay, downNow(), s.rejectApiKey() ? s.rejectStatus() : 0, retryAfter, serverError, lost);
    }
}
