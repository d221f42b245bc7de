package rxpush.common.config;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * EWS (on-premises Exchange, or Exchange Online tenants still allowed to use EWS) connection,
 * {@code rxpush.ews.*}. Shared by the subscription service (Subscribe) and the forwarder (GetItem,
 * FindItem, SyncFolderItems).
 *
 * @param url                EWS endpoint, e.g. https://mail.contoso.com/EWS/Exchange.asmx; empty when
 *                           no mailbox uses EWS
 * @param username           service account (legacy: the Push Service's Windows account)
 * @param password           its password; never logged
 * @param domain             NTLM domain, empty for UPN/basic
 * @param useImpersonation   act as each mailbox through ExchangeImpersonation (legacy
 *                           {@code UseImpersonation}); default true because Exchange refuses push
 *                           subscriptions made through delegate access
 *                           (ErrorSubscriptionDelegateAccessNotSupported): without it the service
 *                           account can subscribe only its own mailbox
 * @param statusFrequency    how often Exchange sends a StatusEvent when idle (legacy
 *                           {@code EwsFrequency}; a plain number means minutes; 1-1440 minutes)
 * @param statusGrace        extra silence tolerated before a subscription counts as dead (legacy
 *                           {@code EwsFrequencyDelay}; a plain number means minutes)
 * @param auth               BASIC (user name and password, also NTLM when a domain is set) or OAUTH
 *                           (app-only bearer token from the Graph app registration, for Exchange Online)
 * @param trustStore         extra trust store (PKCS#12 or JKS) for an internal CA, added to the JDK's
 * @param trustStorePassword its password; never logged
 * @param allowInsecureHttp  accept a plain http URL for a host other than loopback (the password would
 *                           travel in the clear): for test rigs only
 */
public record EwsSettings(
        URI url,
        String username,
        String password,
        String domain,
        @DefaultValue("true") boolean useImpersonation,
        @DefaultValue("5") @DurationUnit(ChronoUnit.MINUTES) @NotNull Duration statusFrequency,
        @DefaultValue("5") @DurationUnit(ChronoUnit.MINUTES) @NotNull Duration statusGrace,
        @DefaultValue("BASIC") @NotNull EwsAuth auth,
        Path trustStore,
        String trustStorePassword,
        @DefaultValue("false") boolean allowInsecureHttp) {

    /** How rx-push authenticates to EWS. */
    public enum EwsAuth {
        /** Basic over TLS, or NTLM when {@code domain} is set (on-premises). */
        BASIC,
        /** App-only OAuth bearer token (Exchange Online), from the rxpush.graph.* app registration. */
        OAUTH
    }

    /** Exchange accepts StatusFrequency of 1 to 1440 minutes. */
    @ConstructorBinding
    public EwsSettings {
        if (statusFrequency != null
                && (statusFrequency.compareTo(Duration.ofMinutes(1)) < 0
                        || statusFrequency.compareTo(Duration.ofMinutes(1440)) > 0)) {
            throw new IllegalArgumentException("rxpush.ews.status-frequency must be between 1 and 1440 minutes");
        }
        if (statusGrace != null && statusGrace.isNegative()) {
            throw new IllegalArgumentException("rxpush.ews.status-grace must not be negative");
        }
        if (url != null && !Urls.isHttp(url)) {
            throw new IllegalArgumentException("rxpush.ews.url must be an http(s) URL");
        }
        if (url != null && !allowInsecureHttp && !Urls.isSecureOrLoopback(url)) {
            throw new IllegalArgumentException("rxpush.ews.url is plain http to " + url.getHost()
                    + ": the service account's password would travel in the clear; use https (or set"
                    + " rxpush.ews.allow-insecure-http=true on a test rig)");
        }
        if (auth == null) {
            auth = EwsAuth.BASIC;
        }
    }

    /** Basic authentication, impersonation as given, the JDK's trust only, https required off loopback. */
    public EwsSettings(URI url, String username, String password, String domain, boolean useImpersonation,
            Duration statusFrequency, Duration statusGrace) {
        this(url, username, password, domain, useImpersonation, statusFrequency, statusGrace, EwsAuth.BASIC, null,
                null, false);
    }

    public boolean configured() {
        return url != null;
    }

    @Override
    public String toString() {
        // The passwords never reach a log line through toString.
        return "EwsSettings[url=" + url + ", username=" + username + ", domain=" + domain
                + ", useImpersonation=" + useImpersonation + ", statusFrequency=" + statusFrequency
                + ", statusGrace=" + statusGrace + ", auth=" + auth + ", trustStore=" + trustStore
                + ", allowInsecureHttp=" + allowInsecureHttp + "]";
    }
}
