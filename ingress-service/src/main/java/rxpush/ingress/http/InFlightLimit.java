package rxpush.ingress.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import rxpush.common.contract.Source;
import rxpush.ingress.IngressSettings;
import rxpush.ingress.ops.IngressMetrics;
import rxpush.ingress.ops.Rejection;

/**
 * Bounds the notification requests handled at once, in number and in body bytes (a body without a
 * Content-Length, or with one over the limit, counts as max-body-size): beyond either bound the
 * answer is 503 with {@code Retry-After: 1}, before the body is read, which Exchange and Graph both
 * retry. Memory held by requests is thereby bounded by max-in-flight-bytes (plus the parsed trees,
 * themselves bounded by the parsers' limits), whatever the number of connections.
 */
final class InFlightLimit extends OncePerRequestFilter {

    /** Whole kilobytes, so that the byte budget fits a Semaphore's int permits. */
    private static final int UNIT = 1024;

    private final Semaphore requests;
    private final Semaphore kilobytes;
    private final long maxBody;
    private final IngressMetrics metrics;

    InFlightLimit(IngressSettings.Endpoints settings, IngressMetrics metrics) {
        this.requests = new Semaphore(settings.maxInFlightRequests());
        this.kilobytes = new Semaphore((int) Math.min(Integer.MAX_VALUE, settings.maxInFlightBytes().toBytes() / UNIT));
        this.maxBody = settings.maxBodySize().toBytes();
        this.metrics = metrics;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        int weight = (int) ((declared < 0 || declared > maxBody ? maxBody : declared) / UNIT) + 1;
        if (!requests.tryAcquire()) {
            overloaded(request, response);
            return;
        }
        try {
            if (!kilobytes.tryAcquire(weight)) {
                overloaded(request, response);
                return;
            }
            try {
                chain.doFilter(request, response);
            } finally {
                kilobytes.release(weight);
            }
        } finally {
            requests.release();
        }
    }

    private void overloaded(HttpServletRequest request, HttpServletResponse response) {
        metrics.rejected(request.getRequestURI().startsWith("/ews/") ? Source.EWS : Source.GRAPH, Rejection.OVERLOADED);
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", "1");
        // The body is left unread: close the connection rather than drain it.
        response.setHeader("Connection", "close");
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        FilterRegistrationBean<InFlightLimit> inFlightLimit(IngressSettings settings, IngressMetrics metrics) {
            FilterRegistrationBean<InFlightLimit> bean =
                    new FilterRegistrationBean<>(new InFlightLimit(settings.ingress(), metrics));
            bean.addUrlPatterns("/ews/*", "/graph/*");
            bean.setOrder(0);
            return bean;
        }
    }
}
