package rxpush.simulators.exchange.graph;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.web.servlet.HandlerInterceptor;
import rxpush.simulators.exchange.control.Faults;
import rxpush.simulators.exchange.control.Stats;

/**
 * In front of every {@code /v1.0} request: the latency fault, throttling (429 with Retry-After at
 * the configured rate, as Outlook's ApplicationThrottled), the bearer token check, then the
 * per-mailbox access rules ({@link GraphAccess}).
 */
final class GraphGate implements HandlerInterceptor {

    private final GraphTokens tokens;
    private final Faults faults;
    private final Stats stats;
    private final GraphAccess access;

    GraphGate(GraphTokens tokens, Faults faults, Stats stats, GraphAccess access) {
        this.access = access;
        this.tokens = tokens;
        this.faults = faults;
        this.stats = stats;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        faults.applyLatency();
        stats.increment("graph.requests");
        if (faults.graphThrottledNow()) {
            stats.increment("graph.throttled");
            long seconds = Math.max(1, faults.state().graphRetryAfter().toSeconds());
            throw new GraphException(429, "ApplicationThrottled", "Application is over its MailboxConcurrency limit.",
                    Map.of("Retry-After", Long.toString(seconds)));
        }
        try {
            tokens.check(request.getHeader("Authorization"));
        } catch (GraphException e) {
            stats.increment("graph.unauthorized");
            throw e;
        }
        access.check(request.getRequestURI());
        return true;
    }
}
