package rxpush.subscription.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;
import rxpush.common.admin.AdminAccess;

/**
 * Applies {@link AdminAccess} to every request of the admin port: registered by
 * {@link AdminApiConfiguration} for {@code /*} of the context that serves the admin API, so any
 * endpoint added there (a controller, an actuator endpoint, a status page) is behind the token and
 * the Host check without doing anything. Refusals are answered here, before any handler runs.
 */
final class AdminGuard extends OncePerRequestFilter {

    private final AdminAccess access;

    AdminGuard(AdminAccess access) {
        this.access = access;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        AdminAccess.Decision decision = access.check(request.getMethod(), request.getRequestURI(), request.getHeader("Host"),
                request.getHeader("Authorization"), request.getContentType());
        if (decision.allowed()) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(decision.status());
        if (decision.status() == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"rx-push admin\"");
        }
        response.setContentType("application/problem+json");
        response.getOutputStream().write(("{\"status\":" + decision.status() + ",\"detail\":\"" + decision.reason() + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    }
}
