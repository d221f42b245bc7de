package rxpush.ingress.ops;

import java.security.Security;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import rxpush.ingress.IngressSettings;

/**
 * Applies rxpush.tls.versions to the notification port when it terminates TLS itself
 * (server.ssl.*), after Spring Boot's own settings, and warns at start-up about refused or served
 * legacy versions. The management port is not affected (it is bound to 127.0.0.1).
 */
@Component
class TlsProtocols implements WebServerFactoryCustomizer<ConfigurableWebServerFactory>, Ordered {

    private static final Logger log = LoggerFactory.getLogger(TlsProtocols.class);

    private final TlsSettings tls;

    TlsProtocols(IngressSettings settings) {
        this.tls = settings.tls();
        warn(tls);
    }

    @Override
    public void customize(ConfigurableWebServerFactory factory) {
        Ssl ssl = factory instanceof AbstractConfigurableWebServerFactory configurable ? configurable.getSsl() : null;
        if (!Ssl.isEnabled(ssl)) {
            log.info("The notification port serves plain HTTP (no server.ssl): terminate TLS in front of it;"
                    + " rxpush.tls.versions applies when server.ssl is configured");
            return;
        }
        if (ssl.getBundle() != null && !ssl.getBundle().isBlank()) {
            // Spring Boot takes a named bundle as it is, protocols included.
            log.warn("server.ssl.bundle is set: the bundle's options.enabled-protocols decide the TLS versions,"
                    + " rxpush.tls.versions is not applied; list only {} there", tls.enabledProtocols());
            return;
        }
        List<String> protocols = tls.enabledProtocols();
        ssl.setEnabledProtocols(protocols.toArray(String[]::new));
        log.info("The notification port serves {}", protocols);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    private static void warn(TlsSettings tls) {
        if (!tls.refusedProtocols().isEmpty()) {
            log.warn("rxpush.tls.versions lists {}, which are refused (broken, RFC 8996); serving only {}."
                    + " Set rxpush.tls.allow-legacy=true to serve them anyway.", tls.refusedProtocols(), tls.enabledProtocols());
        }
        if (!tls.legacyProtocolsServed().isEmpty()) {
            String disabled = Security.getProperty("jdk.tls.disabledAlgorithms");
            log.warn("rxpush.tls.allow-legacy=true: serving {} (broken, RFC 8996).{}", tls.legacyProtocolsServed(),
                    disabled != null && disabled.contains("TLSv1")
                            ? " This JDK also disables them in jdk.tls.disabledAlgorithms; clients will fail until that is relaxed."
                            : "");
        }
    }
}
