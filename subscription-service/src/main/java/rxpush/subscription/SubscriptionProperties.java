package rxpush.subscription;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import rxpush.common.config.AdminSettings;
import rxpush.common.config.EwsSettings;
import rxpush.common.config.GraphSettings;
import rxpush.common.config.MailboxSettings;
import rxpush.common.config.Urls;
import rxpush.common.contract.Protocol;
import rxpush.common.kafka.TopicSettings;

/**
 * The subscription service's whole configuration tree, {@code rxpush.*} (docs/configuration.md,
 * section subscription-service).
 *
 * @param notificationUrl externally reachable base URL of ingress-service (legacy {@code NotificationUrl});
 *                        EWS subscriptions push to {@code {url}/ews/notifications/{token}}, Graph to
 *                        {@code {url}/graph/notifications/{token}} and {@code {url}/graph/lifecycle/{token}} (a secret token per subscription)
 * @param mailboxes       mailboxes to keep subscribed, in addition to those added through the admin API;
 *                        written to the mailbox registry at start-up when missing or different
 * @param ews             EWS connection (shared with the forwarder)
 * @param graph           Graph app registration (shared with the forwarder)
 * @param topics          topic declaration settings (shared by every service)
 * @param subscription    this service's own settings
 * @param ops             metrics and status page settings
 * @param admin           access to the admin API: bearer token, token file, allowed Host names
 */
@Validated
@ConfigurationProperties("rxpush")
public record SubscriptionProperties(
        @NotNull URI notificationUrl,
        @DefaultValue List<@Valid MailboxSettings> mailboxes,
        @DefaultValue @Valid EwsSettings ews,
        @DefaultValue @Valid GraphSettings graph,
        @DefaultValue @Valid TopicSettings topics,
        @DefaultValue @Valid SubscriptionSettings subscription,
        @DefaultValue @Valid OpsSettings ops,
        @DefaultValue AdminSettings admin) {

    /**
     * Without impersonation every EWS subscription is made by the one service account, and Exchange
     * allows an account 20 concurrent subscriptions (EWSMaxSubscriptions): the 21st mailbox would
     * fail at run time, so start-up refuses it.
     */
    public static final int MAX_EWS_MAILBOXES_WITHOUT_IMPERSONATION = 20;

    public SubscriptionProperties {
        mailboxes = mailboxes == null ? List.of() : List.copyOf(mailboxes);
        if (notificationUrl != null && !Urls.isHttp(notificationUrl)) {
            throw new IllegalArgumentException("rxpush.notification-url must be an http(s) URL");
        }
        if (ews != null) {
            checkEwsMailboxCount(mailboxes.stream().filter(m -> m.protocol() == Protocol.EWS).count(), ews);
        }
        for (MailboxSettings mailbox : mailboxes) {
            requireProtocolConfigured(mailbox.protocol(), ews, graph);
        }
    }

    /** Refuses more than 20 EWS mailboxes without impersonation, naming the setting that fixes it. */
    public static void checkEwsMailboxCount(long ewsMailboxes, EwsSettings ews) {
        if (!ews.useImpersonation() && ewsMailboxes > MAX_EWS_MAILBOXES_WITHOUT_IMPERSONATION) {
            throw new IllegalArgumentException(ewsMailboxes + " EWS mailboxes without impersonation: Exchange allows one account "
                    + MAX_EWS_MAILBOXES_WITHOUT_IMPERSONATION + " subscriptions; set rxpush.ews.use-impersonation=true "
                    + "(legacy UseImpersonation) and grant the service account the ApplicationImpersonation role");
        }
    }

    /** A mailbox needs its protocol's connection settings; the message names the missing key. */
    public static void requireProtocolConfigured(Protocol protocol, EwsSettings ews, GraphSettings graph) {
        if (protocol == Protocol.EWS && (ews == null || !ews.configured())) {
            throw new IllegalArgumentException("an EWS mailbox needs rxpush.ews.url");
        }
        if (protocol == Protocol.GRAPH && (graph == null || !graph.configured())) {
            throw new IllegalArgumentException("a GRAPH mailbox needs rxpush.graph.client-id (and tenant-id, client-secret)");
        }
    }

    /** The URL an EWS subscription with this token pushes to. */
    public URI ewsNotificationUrl(String token) {
        return URI.create(Urls.trimmed(notificationUrl) + "/ews/notifications/" + token);
    }

    public URI graphNotificationUrl() {
        return URI.create(Urls.trimmed(notificationUrl) + "/graph/notifications");
    }

    public URI graphLifecycleUrl() {
        return URI.create(Urls.trimmed(notificationUrl) + "/graph/lifecycle");
    }
}
