package rxpush.common.exchange;

import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.enumeration.misc.ExchangeVersion;
import microsoft.exchange.webservices.data.core.request.HttpWebRequest;
import org.apache.http.config.Registry;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;

/**
 * ews-java-api's ExchangeService with rx-push's TLS ({@link OutboundTls}: JDK trust, hostname
 * verification, TLS 1.2+) instead of the library's accept-any-self-signed factory, and with Exchange
 * Online's policy block ({@code 403} + {@code X-EWS-Policy-Reason}) turned into
 * {@link EwsPolicyBlockedException} rather than a generic HTTP 403 that reads like a wrong password.
 */
final class RxExchangeService extends ExchangeService {

    /**
     * The superclass builds its HTTP client inside its constructor, before this class's fields exist;
     * the factory travels through this thread-local for that one call.
     */
    private static final ThreadLocal<SSLConnectionSocketFactory> CONSTRUCTING = new ThreadLocal<>();

    private SSLConnectionSocketFactory tls;

    private RxExchangeService(ExchangeVersion version) {
        super(version);
        this.tls = CONSTRUCTING.get();
    }

    static RxExchangeService create(ExchangeVersion version, SSLConnectionSocketFactory tls) {
        CONSTRUCTING.set(tls);
        try {
            return new RxExchangeService(version);
        } finally {
            CONSTRUCTING.remove();
        }
    }

    @Override
    protected Registry<ConnectionSocketFactory> createConnectionSocketFactoryRegistry() {
        SSLConnectionSocketFactory factory = tls != null ? tls : CONSTRUCTING.get();
        if (factory == null) {
            throw new IllegalStateException("RxExchangeService built without its TLS socket factory");
        }
        return RegistryBuilder.<ConnectionSocketFactory>create()
                .register("http", PlainConnectionSocketFactory.getSocketFactory())
                .register("https", factory)
                .build();
    }

    @Override
    public void processHttpErrorResponse(HttpWebRequest response, Exception failure) throws Exception {
        if (response.getResponseCode() == 403) {
            String reason = response.getResponseHeaderField(EwsPolicyBlockedException.HEADER);
            if (reason != null && !reason.isBlank()) {
                throw new EwsPolicyBlockedException(reason.replaceAll("[\\r\\n]+", " ").trim());
            }
        }
        super.processHttpErrorResponse(response, failure);
    }
}
