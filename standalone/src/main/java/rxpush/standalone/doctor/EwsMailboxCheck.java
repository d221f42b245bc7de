package rxpush.standalone.doctor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.enumeration.property.WellKnownFolderName;
import microsoft.exchange.webservices.data.core.service.folder.Folder;
import microsoft.exchange.webservices.data.property.complex.FolderId;
import microsoft.exchange.webservices.data.property.complex.Mailbox;
import rxpush.common.config.EwsSettings;
import rxpush.common.exchange.EwsFailures;
import rxpush.common.exchange.EwsServiceFactory;

/**
 * EWS credentials work and impersonation works for every configured EWS mailbox: binds each mailbox's
 * calendar folder exactly as the services will (same account, impersonation and anchor header).
 */
final class EwsMailboxCheck implements DoctorCheck {

    /** Exchange serves at most 20 push subscriptions per account without impersonation. */
    static final int MAX_WITHOUT_IMPERSONATION = 20;
    /** A doctor run checks this many mailboxes at most; status shows the rest. */
    static final int MAX_CHECKED = 50;

    private final EwsSettings settings;
    private final List<String> mailboxes;
    private final Duration timeout;

    EwsMailboxCheck(EwsSettings settings, List<String> mailboxes, Duration timeout) {
        this.settings = settings;
        this.mailboxes = mailboxes;
        this.timeout = timeout;
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
        if (!settings.useImpersonation() && mailboxes.size() > MAX_WITHOUT_IMPERSONATION) {
            results.add(CheckResult.fail(mailboxes.size() + " EWS mailboxes without impersonation (Exchange allows "
                    + MAX_WITHOUT_IMPERSONATION + ")", "set rxpush.ews.use-impersonation=true (legacy UseImpersonation) and"
                    + " grant the account the ApplicationImpersonation role"));
        }
        EwsServiceFactory factory = new EwsServiceFactory(settings, timeout);
        for (String mailbox : mailboxes.stream().limit(MAX_CHECKED).toList()) {
            results.add(check(factory, mailbox));
        }
        if (mailboxes.size() > MAX_CHECKED) {
            results.add(CheckResult.skip((mailboxes.size() - MAX_CHECKED) + " more EWS mailboxes not checked"));
        }
        return results;
    }

    private CheckResult check(EwsServiceFactory factory, String mailbox) {
        try (ExchangeService service = factory.open(mailbox)) {
            Folder.bind(service, new FolderId(WellKnownFolderName.Calendar, new Mailbox(mailbox)));
            return CheckResult.pass(mailbox + ": EWS calendar readable" + (settings.useImpersonation() ? " with impersonation" : ""));
        } catch (Exception e) {
            if (EwsFailures.isAccessDenied(e)) {
                return CheckResult.fail(mailbox + ": EWS refused access (" + EwsFailures.errorCode(e).orElse("HTTP 401/403") + ")",
                        settings.useImpersonation()
                                ? "grant " + settings.username() + " the ApplicationImpersonation role for this mailbox"
                                : "give the account rights on this mailbox, or set rxpush.ews.use-impersonation=true");
            }
            return CheckResult.fail(mailbox + ": EWS failed: " + EwsFailures.errorCode(e).orElse(Describe.io(e)),
                    "check rxpush.ews.url and that the mailbox exists on this Exchange");
        }
    }
}
