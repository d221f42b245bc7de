package rxpush.forwarder;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import rxpush.common.config.EwsSettings;
import rxpush.common.config.GraphSettings;
import rxpush.common.config.Urls;
import rxpush.common.kafka.TopicSettings;

/**
 * The forwarder's whole configuration, {@code rxpush.*} (docs/configuration.md, "forwarder-service").
 *
 * @param tenantUrl ResourceXpress base URL (legacy {@code TenantUrl}); the forwarder calls
 *                  {@code {tenant-url}/api/push/v1}
 * @param apiKey    sent as {@code X-Api-Key} (legacy {@code ApiKey}, the same value as {@code ApiKey}
 *                  in RX's web.config); never logged
 * @param forwarder the forwarder's own settings, {@code rxpush.forwarder.*}
 * @param ews       EWS connection for mailboxes on on-premises Exchange
 * @param graph     Microsoft Graph connection for mailboxes on Office 365
 * @param topics    how rx-push topics are declared
 */
@Validated
@ConfigurationProperties("rxpush")
public record ForwarderProperties(
        @NotNull URI tenantUrl,
        @NotBlank String apiKey,
        @Valid @NotNull @DefaultValue ForwarderSettings forwarder,
        @Valid @NotNull @DefaultValue EwsSettings ews,
        @Valid @NotNull @DefaultValue GraphSettings graph,
        @Valid @NotNull @DefaultValue TopicSettings topics) {

    public ForwarderProperties {
        if (tenantUrl != null && !Urls.isHttp(tenantUrl)) {
            throw new IllegalArgumentException("rxpush.tenant-url must be an http(s) URL");
        }
    }

    @Override
    public String toString() {
        // The ApiKey never reaches a log line through toString.
        return "ForwarderProperties[tenantUrl=" + tenantUrl + ", forwarder=" + forwarder + ", ews=" + ews
                + ", graph=" + graph + ", topics=" + topics + "]";
    }
}
