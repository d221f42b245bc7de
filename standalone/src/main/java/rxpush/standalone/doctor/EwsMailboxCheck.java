package rxpush.standalone.doctor;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.enumeration.notification.EventType;
import microsoft.exchange.webservices.data.core.enumeration.property.WellKnownFolderName;
import microsoft.exchange.webservices.data.core.service.folder.Folder;
import microsoft.exchange.webservices.data.property.complex.FolderId;
import microsoft.exchange.webservices.data.property.complex.Mailbox;
import rxpush.common.config.EwsSettings;
import rxpush.common.exchange.EwsFailures;
import rxpush.common.exchange.EwsServiceFactory;

/**
 * EWS works for every configured EWS mailbox the way the services use it: binds the calendar folder
 * (what the forwarder reads) and makes a real push Subscribe (what the subscription service does; a
 * bind alone passes with delegate access, which Exchange refuses for push subscriptions). The
 * doctor's subscription points at {@code {notification-url}/ews/notifications/doctor-check}, a token
 * ingress does not know: its first push is answered 404 and Exchange drops it, which is how an EWS
 * push subscription ends (EWS has no Unsubscribe for push). One line per mailbox, with the fix.
 */
final class EwsMailboxCheck implements DoctorCheck {

    /** Exchange serves at most 20 push subscriptions per account without impersonation. */
    static final int MAX_WITHOUT_IMPERSONATION = 20;
    /** A doctor run checks this many mailboxes at most; status shows the rest. */
    static final int MAX_CHECKED = 50;
    static final String DOCTOR_TOKEN = "doctor-check";

    private final EwsSettings settings;
    private final List<String> mailboxes;
    private final Supplier<EwsServiceFactory> factory;
    private final URI pushUrl;

    EwsMailboxCheck(EwsSettings settings, List<String> mailboxes, Duration timeout) {
        this(settings, mailboxes, () -> new EwsServiceFactory(settings, timeout), null);
    }

    /**
     * @param notificationUrl ingress's public base URL (rxpush.notification-url); null: a placeholder
     *                        that never answers
     */
    EwsMailboxCheck(EwsSettings settings, List<String> mailboxes, Supplier<EwsServiceFactory> factory,
            URI notificationUrl) {
        this.settings = settings;
        this.mailboxes = mailboxes;
        this.factory = factory;
        String base = notificationUrl == null ? "https://rxpush-doctor.invalid" : notificationUrl.toString();
        this.pushUrl = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + "/ews/notifications/" + DOCTOR_TOKEN);
    }

    @Override
    public String name() {
        return "EWS";
    }

    @Override
    public List<CheckResult> run() {
        if (mailboxes.isEmpty()) {
            return List.of(CheckResult.skip("no EWS mailboxes configured"));
        }
        if (!settings.configured()) {
            return List.of(CheckResult.fail(mailboxes.size() + " mailboxes use EWS but rxpush.ews.url is not set",
                    "set rxpush.ews.url (e.g. https://mail.contoso.com/EWS/Exchange.asmx) and the service account"));
        }
        List<CheckResult> results = new ArrayList<>();
        if (!settings.useImpersonation()) {
            results.add(CheckResult.warn("rxpush.ews.use-impersonation=false: Exchange accepts push subscriptions only"
                    + " for the account's own mailbox", "set rxpush.ews.use-impersonation=true and grant "
                    + settings.username() + " the ApplicationImpersonation role"));
        }
        EwsServiceFactory services;
        try {
            services = factory.get();
        } catch (RuntimeException e) {
            return List.of(CheckResult.fail("EWS cannot be set up: " + e.getMessage(), "fix the rxpush.ews.* setting named"));
        }
        for (String mailbox : mailboxes.stream().limit(MAX_CHECKED).toList()) {
            results.add(check(services, mailbox));
        }
        if (mailboxes.size() > MAX_CHECKED) {
            results.add(CheckResult.skip((mailboxes.size() - MAX_CHECKED) + " more EWS mailboxes not checked"));
        }
        return results;
    }

    private CheckResult check(EwsServiceFactory services, String mailbox) {
        FolderId calendar = new FolderId(WellKnownFolderName.Calendar, new Mailbox(mailbox));
        try (ExchangeService service = services.open(mailbox)) {
            Folder.bind(service, calendar);
            service.subscribeToPushNotifications(List.of(calendar), pushUrl, 1, null, EventType.Created);
            return CheckResult.pass(mailbox + ": EWS calendar readable and push Subscribe accepted"
                    + (settings.useImpersonation() ? " with impersonation" : ""));
        } catch (Exception e) {
            return failure(mailbox, e);
        }
    }

    private CheckResult failure(String mailbox, Exception e) {
        var refused = EwsFailures.refusal(e);
        if (refused.isPresent()) {
            return CheckResult.fail(mailbox + ": " + refused.get().what(), refused.get().fix());
        }
        if (EwsFailures.isAccessDenied(e)) {
            return CheckResult.fail(mailbox + ": EWS refused the service account (HTTP 401)",
                    "check rxpush.ews.username, password and domain (NTLM); with Extended Protection on Exchange"
                            + " 2019 CU14+/SE use Basic over TLS or rxpush.ews.auth=OAUTH (see docs/configuration.md)");
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException tls) {
                return CheckResult.fail(mailbox + ": " + tls.getMessage(), "install Exchange's certificate chain in the"
                        + " JDK trust store or name an internal CA in rxpush.ews.trust-store; Exchange must offer TLS 1.2+");
            }
        }
        return CheckResult.fail(mailbox + ": EWS failed: " + EwsFailures.errorCode(e).orElse(Describe.io(e)),
                "check rxpush.ews.url and that the mailbox exists on this Exchange");
    }
}
