package rxpush.common.exchange;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.enumeration.misc.ConnectingIdType;
import microsoft.exchange.webservices.data.core.enumeration.misc.ExchangeVersion;
import microsoft.exchange.webservices.data.credential.WebCredentials;
import microsoft.exchange.webservices.data.misc.ImpersonatedUserId;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import rxpush.common.config.EwsSettings;
import rxpush.common.config.GraphSettings;

/**
 * Opens an ews-java-api {@link ExchangeService} configured for one mailbox.
 *
 * <p>An ExchangeService is not thread-safe and carries per-mailbox state (impersonation, anchor
 * header), so each caller opens its own for a unit of work and closes it. {@code X-AnchorMailbox} is
 * always set: Exchange routes the request (and, for push subscriptions, the notifications) to the
 * mailbox's server, which Microsoft requires for impersonated subscriptions. Connections use
 * {@link OutboundTls}; authentication is Basic/NTLM with the service account, or an app-only OAuth
 * bearer token for Exchange Online ({@code rxpush.ews.auth=OAUTH}).
 */
public final class EwsServiceFactory {

    /** Exchange 2010 SP2 is the lowest version whose push and impersonation behaviour rx-push relies on. */
    static final ExchangeVersion VERSION = ExchangeVersion.Exchange2010_SP2;

    /** Where an app-only EWS token comes from (OAUTH). */
    @FunctionalInterface
    public interface TokenSource {
        String token() throws IOException, InterruptedException;
    }

    private final EwsSettings settings;
    private final Duration timeout;
    private final SSLConnectionSocketFactory tls;
    private final TokenSource tokens;

    public EwsServiceFactory(EwsSettings settings, Duration timeout) {
        this(settings, timeout, null);
    }

    public EwsServiceFactory(EwsSettings settings, Duration timeout, TokenSource tokens) {
        if (!settings.configured()) {
            throw new IllegalStateException("rxpush.ews.url is not set, but a mailbox uses EWS");
        }
        if (settings.auth() == EwsSettings.EwsAuth.OAUTH && tokens == null) {
            throw new IllegalStateException("rxpush.ews.auth=OAUTH needs the app registration in rxpush.graph.*"
                    + " (tenant-id, client-id, and a client-secret or certificate)");
        }
        this.settings = settings;
        this.timeout = timeout;
        this.tls = OutboundTls.socketFactory(settings.trustStore(), settings.trustStorePassword());
        this.tokens = tokens;
    }

    /**
     * The factory for these settings: with OAUTH, tokens for the EWS host's {@code /.default} scope
     * (https://outlook.office365.com/.default in the global cloud) from the rxpush.graph.* app.
     */
    public static EwsServiceFactory create(EwsSettings ews, GraphSettings graph, HttpClient http, Clock clock,
            Duration timeout) {
        if (ews.auth() != EwsSettings.EwsAuth.OAUTH) {
            return new EwsServiceFactory(ews, timeout);
        }
        if (graph == null || !graph.configured()) {
            return new EwsServiceFactory(ews, timeout, null); // refuses with the message above
        }
        GraphTokenProvider provider = new GraphTokenProvider(graph, http, clock, timeout, ewsScope(ews.url()));
        return new EwsServiceFactory(ews, timeout, provider::token);
    }

    /** The OAuth scope of an EWS endpoint: its origin with /.default. */
    static String ewsScope(URI url) {
        return "https://" + url.getHost() + "/.default";
    }

    /** A service acting for {@code mailbox}; the caller closes it. */
    public ExchangeService open(String mailbox) {
        ExchangeService service = RxExchangeService.create(VERSION, tls);
        service.setUrl(URI.create(settings.url().toString()));
        if (settings.auth() == EwsSettings.EwsAuth.OAUTH) {
            try {
                service.getHttpHeaders().put("Authorization", "Bearer " + tokens.token());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("the token endpoint for EWS did not answer", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GraphAuthException("interrupted while fetching the EWS token");
            }
        } else if (settings.username() != null && !settings.username().isBlank()) {
            service.setCredentials(settings.domain() == null || settings.domain().isBlank()
                    ? new WebCredentials(settings.username(), settings.password())
                    : new WebCredentials(settings.username(), settings.password(), settings.domain()));
        }
        if (settings.useImpersonation()) {
            service.setImpersonatedUserId(new ImpersonatedUserId(ConnectingIdType.SmtpAddress, mailbox));
        }
        service.getHttpHeaders().put("X-AnchorMailbox", mailbox);
        service.setTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        service.setUserAgent("rx-push");
        return service;
    }

    public EwsSettings settings() {
        return settings;
    }
}
