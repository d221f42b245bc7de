package rxpush.simulators.resourcexpress.faults;

import java.time.Duration;
import java.util.List;

/**
 * The fault switches, all off by default. Applied to the RX API only ({@code /api/push/v1/**}),
 * never to {@code /sim/**}. Each request's dice are a pure function of (seed, request number,
 * switch), so a seeded run repeats exactly for the same sequence of requests.
 *
 * @param seed dice seed; {@code null} on input keeps the current seed
 * @param serverErrorRate share of requests (0-1) answered {@code serverErrorStatus} before anything is
 *     applied
 * @param serverErrorStatus the 5xx status for server errors and lost responses; 500 when omitted
 * @param lostResponseRate share of fresh writes (0-1) that are applied and recorded under their
 *     Idempotency-Key but answered {@code serverErrorStatus}: the retry gets the recorded answer
 * @param latency delay added before every RX API answer; zero when omitted
 * @param latencyJitter extra random delay, uniform between zero and this; zero when omitted
 * @param throttleRate share of requests (0-1) answered 429 with Retry-After
 * @param retryAfter the Retry-After of a 429, sent in whole seconds (rounded up); 1 s when omitted
 * @param rejectApiKey when true every RX API request gets {@code rejectStatus}, as if RX's key changed
 * @param rejectStatus 401 or 403; 401 when omitted
 * @param downWindows periods when RX is down
 */
public record FaultSettings(Long seed, double serverErrorRate, Integer serverErrorStatus, double lostResponseRate,
        Duration latency, Duration latencyJitter, double throttleRate, Duration retryAfter, boolean rejectApiKey,
        Integer rejectStatus, List<DownWindow> downWindows) {

    public FaultSettings {
        rate(serverErrorRate, "serverErrorRate");
        rate(lostResponseRate, "lostResponseRate");
        rate(throttleRate, "throttleRate");
        serverErrorStatus = serverErrorStatus == null ? 500 : serverErrorStatus;
        if (serverErrorStatus < 500 || serverErrorStatus > 599) {
            throw new IllegalArgumentException("serverErrorStatus must be a 5xx status");
        }
        latency = positiveOrZero(latency, Duration.ZERO, "latency");
        latencyJitter = positiveOrZero(latencyJitter, Duration.ZERO, "latencyJitter");
        retryAfter = positiveOrZero(retryAfter, Duration.ofSeconds(1), "retryAfter");
        rejectStatus = rejectStatus == null ? 401 : rejectStatus;
        if (rejectStatus != 401 && rejectStatus != 403) {
            throw new IllegalArgumentException("rejectStatus must be 401 or 403");
        }
        downWindows = downWindows == null ? List.of() : List.copyOf(downWindows);
    }

    /** Everything off, with the given seed. */
    public static FaultSettings none(long seed) {
        return new Builder().seed(seed).build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void rate(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1");
        }
    }

    private static Duration positiveOrZero(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
        return value;
    }

    /** Changes some switches, keeping the others. */
    public static final class Builder {
        private Long seed;
        private double serverErrorRate;
        private Integer serverErrorStatus;
        private double lostResponseRate;
        private Duration latency;
        private Duration latencyJitter;
        private double throttleRate;
        private Duration retryAfter;
        private boolean rejectApiKey;
        private Integer rejectStatus;
        private List<DownWindow> downWindows = List.of();

        public Builder() {
        }

        Builder(FaultSettings s) {
            seed = s.seed;
            serverErrorRate = s.serverErrorRate;
            serverErrorStatus = s.serverErrorStatus;
            lostResponseRate = s.lostResponseRate;
            latency = s.latency;
            latencyJitter = s.latencyJitter;
            throttleRate = s.throttleRate;
            retryAfter = s.retryAfter;
            rejectApiKey = s.rejectApiKey;
            rejectStatus = s.rejectStatus;
            downWindows = s.downWindows;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder serverErrorRate(double value) {
            serverErrorRate = value;
            return this;
        }

        public Builder serverErrorStatus(int value) {
            serverErrorStatus = value;
            return this;
        }

        public Builder lostResponseRate(double value) {
            lostResponseRate = value;
            return this;
        }

        public Builder latency(Duration value) {
            latency = value;
            return this;
        }

        public Builder latencyJitter(Duration value) {
            latencyJitter = value;
            return this;
        }

        public Builder throttleRate(double value) {
            throttleRate = value;
            return this;
        }

        public Builder retryAfter(Duration value) {
            retryAfter = value;
            return this;
        }

        public Builder rejectApiKey(boolean value) {
            rejectApiKey = value;
            return this;
        }

        public Builder rejectStatus(int value) {
            rejectStatus = value;
            return this;
        }

        public Builder downWindows(List<DownWindow> value) {
            downWindows = value;
            return this;
        }

        public FaultSettings build() {
            return new FaultSettings(seed, serverErrorRate, serverErrorStatus, lostResponseRate, latency,
                    latencyJitter, throttleRate, retryAfter, rejectApiKey, rejectStatus, downWindows);
        }
    }
}
