package rxpush.standalone.doctor;

import jakarta.validation.Valid;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import rxpush.common.config.EwsSettings;
import rxpush.common.config.GraphSettings;
import rxpush.common.config.MailboxSettings;

/**
 * What {@code doctor} reads: the same {@code rxpush.*} properties the services use (so it checks the
 * configuration they will run with), plus its own time budget.
 *
 * @param tenantUrl       ResourceXpress base URL (legacy TenantUrl)
 * @param apiKey          ResourceXpress ApiKey; never printed
 * @param notificationUrl public base URL of ingress (legacy NotificationUrl)
 * @param ews             EWS connection
 * @param graph           Graph app registration
 * @param mailboxes       configured mailboxes
 * @param doctor          the doctor's own settings
 */
@Validated
@ConfigurationProperties("rxpush")
record DoctorSettings(URI tenantUrl, String apiKey, URI notificationUrl, @Valid @DefaultValue EwsSettings ews,
        @Valid @DefaultValue GraphSettings graph, List<@Valid MailboxSettings> mailboxes, @DefaultValue Doctor doctor) {

    DoctorSettings {
        mailboxes = mailboxes == null ? List.of() : List.copyOf(mailboxes);
    }

    /** Everything but the ApiKey, which is shown only as set or not. */
    @Override
    public String toString() {
        return "DoctorSettings[tenantUrl=" + tenantUrl + ", apiKey=" + (apiKey == null || apiKey.isEmpty() ? "(unset)" : "***")
                + ", notificationUrl=" + notificationUrl + ", ews=" + ews + ", graph=" + graph + ", mailboxes=" + mailboxes
                + ", doctor=" + doctor + "]";
    }

    /**
     * @param timeout time budget of each network call (default 10 s)
     */
    record Doctor(@DefaultValue("10s") Duration timeout) {
    }
}
