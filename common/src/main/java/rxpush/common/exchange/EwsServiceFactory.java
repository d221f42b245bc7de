package rxpush.common.exchange;

import java.net.URI;
import java.time.Duration;
import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.enumeration.misc.ConnectingIdType;
import microsoft.exchange.webservices.data.core.enumeration.misc.ExchangeVersion;
import microsoft.exchange.webservices.data.credential.WebCredentials;
import microsoft.exchange.webservices.data.misc.ImpersonatedUserId;
import rxpush.common.config.EwsSettings;

/**
 * Opens an ews-java-api {@link ExchangeService} configured for one mailbox.
 *
 * <p>An ExchangeService is not thread-safe and carries per-mailbox state (impersonation, anchor
 * header), so each caller opens its own for a unit of work and closes it. {@code X-AnchorMailbox} is
 * always set: Exchange routes the request (and, for push subscriptions, the notifications) to the
 * mailbox's server, which Microsoft requires for impersonated subscriptions.
 */
public final class EwsServiceFactory {

    /** Exchange 2010 SP2 is the lowest version whose push and impersonation behaviour rx-push relies on. */
    static final ExchangeVersion VERSION = ExchangeVersion.Exchange2010_SP2;

    private final EwsSettings settings;
    private final Duration timeout;

    public EwsServiceFactory(EwsSettings settings, Duration timeout) {
        if (!settings.configured()) {
            throw new IllegalStateException("rxpush.ews.url is not set, but a mailbox uses EWS");
        }
        this.settings = settings;
        this.timeout = timeout;
    }

    /** A service acting for {@code mailbox}; the caller closes it. */
    public ExchangeService open(String mailbox) {
        ExchangeService service = new ExchangeService(VERSION);
        service.setUrl(URI.create(settings.url().toString()));
        if (settings.username() != null && !settings.username().isBlank()) {
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
