package rxpush.simulators.resourcexpress.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import rxpush.simulators.resourcexpress.RxSimulatorProperties;
import rxpush.simulators.resourcexpress.bookings.ApiError;
import rxpush.simulators.resourcexpress.bookings.SimJson;
import rxpush.simulators.resourcexpress.faults.DownMode;
import rxpush.simulators.resourcexpress.faults.FaultPlan;
import rxpush.simulators.resourcexpress.faults.Faults;
import rxpush.simulators.resourcexpress.requests.RequestLog;
import rxpush.simulators.resourcexpress.requests.RequestRecord;

/**
 * The edge of the RX API: numbers and logs every request, applies the fault plan (latency, down
 * window, rejected key, 429, 5xx, in that order) and checks {@code X-Api-Key} in constant time.
 * The key is never logged.
 */
@Component
final class PushApiFilter extends OncePerRequestFilter {

    private final Faults faults;
    private final RequestLog log;
    private final Clock clock;
    private final byte[] apiKey;

    PushApiFilter(Faults faults, RequestLog log, Clock clock, RxSimulatorProperties settings) {
        this.faults = faults;
        this.log = log;
        this.clock = clock;
        this.apiKey = settings.apiKey().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !ApiPaths.isApi(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse servletResponse,
            FilterChain chain) throws ServletException, IOException {
        // Buffered so the request is in the log before the client has its answer: a test that
        // got a response can read /sim/requests at once.
        ContentCachingResponseWrapper response = new ContentCachingResponseWrapper(servletResponse);
        long seq = log.nextSeq();
        Instant at = clock.instant();
        RequestNote note = new RequestNote(faults.plan(seq));
        note.attach(request);
        note.bookingId = ApiPaths.bookingId(request.getRequestURI());
        try {
            if (!pause(note.plan.delay())) {
                write(response, note, new ApiError(503, "unavailable", "interrupted while delaying the answer"));
                return;
            }
            ApiError refusal = gate(request, note.plan);
            if (refusal == null) {
                chain.doFilter(request, response);
                return;
            }
            if (refusal.status() == 429) {
                response.setHeader("Retry-After", Long.toString(seconds(note.plan.retryAfter())));
            }
            write(response, note, refusal);
        } finally {
            log.add(new RequestRecord(seq, at, request.getMethod(), request.getRequestURI(), note.bookingId,
                    request.getHeader("Idempotency-Key"), response.getStatus(), note.applied, note.replayed,
                    note.outcome));
            response.copyBodyToResponse();
        }
    }

    /** Retry-After is whole seconds: rounded up so a client never retries early. */
    static long seconds(Duration duration) {
        long whole = duration.toSeconds();
        return duration.toNanosPart() > 0 ? whole + 1 : whole;
    }

    /** Added latency; false when interrupted (shutdown). */
    private boolean pause(Duration delay) {
        if (delay.isZero()) {
            return true;
        }
        try {
            Thread.sleep(delay);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The fault or auth answer for this request, or {@code null} to hand it to the controller. */
    ApiError gate(HttpServletRequest request, FaultPlan plan) {
        if (plan.down() != null) {
            // DROP windows are handled by DropValve before the request gets here; one that opened
            // in between answers like an unavailable RX.
            return new ApiError(503, plan.down() == DownMode.DROP ? "dropped" : "unavailable",
                    "simulated: ResourceXpress is down");
        }
        if (plan.rejectStatus() != 0) {
            return new ApiError(plan.rejectStatus(), "unauthorized", "simulated: the ApiKey is not accepted");
        }
        String key = request.getHeader("X-Api-Key");
        if (key == null) {
            return new ApiError(401, "unauthorized", "X-Api-Key header is missing");
        }
        if (!MessageDigest.isEqual(apiKey, key.getBytes(StandardCharsets.UTF_8))) {
            return new ApiError(401, "unauthorized", "X-Api-Key is not accepted");
        }
        if (plan.retryAfter() != null) {
            return new ApiError(429, "throttled", "simulated: too many requests");
        }
        if (plan.serverErrorStatus() != 0) {
            return new ApiError(plan.serverErrorStatus(), "server_error", "simulated: internal server error");
        }
        return null;
    }

    static void write(HttpServletResponse response, RequestNote note, ApiError error) throws IOException {
        note.outcome = error.error();
        response.setStatus(error.status());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8);
        response.getWriter().write(SimJson.write(error));
    }
}
