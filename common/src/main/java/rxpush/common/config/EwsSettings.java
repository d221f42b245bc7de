package rxpush.common.config;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * EWS (on-premises Exchange) connection, {@code rxpush.ews.*}. Shared by the subscription service
 * (Subscribe) and the forwarder (GetItem, FindItem, SyncFolderItems).
 *
 * @param url              EWS endpoint, e.g. https://mail.contoso.com/EWS/Exchange.asmx; empty when
 *                         no mailbox uses EWS
 * @param username         service account (legacy: the Push Service's Windows account)
 * @param password         its password; never logged
 * @param domain           NTLM domain, empty for UPN/basic
 * @param useImpersonation act as each mailbox through ExchangeImpersonation (legacy
 *                         {@code UseImpersonation}); needed past 20 EWS mailboxes
 * @param statusFrequency  how often Exchange sends a StatusEvent when idle (legacy
 *                         {@code EwsFrequency}; a plain number means minutes; 1-1440 minutes)
 * @param statusGrace      extra silence tolerated before a subscription counts as dead (legacy
 *                         {@code EwsFrequencyDelay}; a plain number means minutes)
 */
public record EwsSettings(
        URI url,
        String username,
        String password,
        String domain,
        @DefaultValue("false") boolean useImpersonation,
        @DefaultValue("5") @DurationUnit(ChronoUnit.MINUTES) @NotNull Duration statusFrequency,
        @DefaultValue("5") @DurationUnit(ChronoUnit.MINUTES) @NotNull Duration statusGrace) {

    /** Exchange accepts StatusFrequency of 1 to 1440 minutes. */
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
    }

    public boolean configured() {
        return url != null;
    }

    @Override
    public String toString() {
        // The password never reaches a log line through toString.
        return "EwsSettings[url=" + url + ", username=" + username + ", domain=" + domain
                + ", useImpersonation=" + useImpersonation + ", statusFrequency=" + statusFrequency
                + ", statusGrace=" + statusGrace + "]";
    }
}
