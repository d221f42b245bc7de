package rxpush.subscription.ews;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.List;
import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.enumeration.notification.EventType;
import microsoft.exchange.webservices.data.core.enumeration.property.WellKnownFolderName;
import microsoft.exchange.webservices.data.core.exception.service.remote.ServiceResponseException;
import microsoft.exchange.webservices.data.notification.PushSubscription;
import microsoft.exchange.webservices.data.property.complex.FolderId;
import microsoft.exchange.webservices.data.property.complex.Mailbox;
import rxpush.common.exchange.EwsFailures;
import rxpush.common.exchange.EwsServiceFactory;
import rxpush.subscription.engine.EwsClient;
import rxpush.subscription.engine.ExchangeException;
import rxpush.subscription.engine.ExchangeException.Kind;

/**
 * EWS Subscribe through ews-java-api: a push subscription on the mailbox's calendar folder, made with
 * the factory's service (impersonating the mailbox when {@code rxpush.ews.use-impersonation}, with
 * {@code X-AnchorMailbox} always set). Failures are classified with {@link EwsFailures}.
 */
public final class EwsJavaApiClient implements EwsClient {

    /** Item events the forwarder acts on; StatusEvents come anyway at the status frequency. */
    static final EventType[] EVENTS = {EventType.Created, EventType.Modified, EventType.Deleted, EventType.Moved,
        EventType.Copied};

    private final EwsServiceFactory services;

    public EwsJavaApiClient(EwsServiceFactory services) {
        this.services = services;
    }

    @Override
    public Subscribed subscribe(String mailbox, URI url, int statusFrequency, String watermark) throws ExchangeException {
        try (ExchangeService service = services.open(mailbox)) {
            PushSubscription subscription = service.subscribeToPushNotifications(
                    List.of(new FolderId(WellKnownFolderName.Calendar, new Mailbox(mailbox))), url, statusFrequency,
                    watermark, EVENTS);
            return new Subscribed(subscription.getId(), subscription.getWaterMark());
        } catch (Exception e) {
            throw classify(e, url);
        }
    }

    static ExchangeException classify(Exception e, URI url) {
        String code = EwsFailures.errorCode(e).orElse(null);
        String message = scrub(code != null ? code : e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()), url);
        var busy = EwsFailures.serverBusyBackOff(e);
        if (busy.isPresent()) {
            return new ExchangeException(Kind.THROTTLED, "ErrorServerBusy", busy.get(), false, e);
        }
        if (EwsFailures.isInvalidWatermark(e)) {
            return new ExchangeException(Kind.INVALID_WATERMARK, message, null, false, e);
        }
        var refused = EwsFailures.mailboxRefusal(e);
        if (refused.isPresent()) {
            // Exchange answered (the password works) but refuses this mailbox: park it with the fix.
            return new ExchangeException(Kind.PERMANENT, refused.get(), null, false, e);
        }
        if (EwsFailures.isAccessDenied(e)) {
            return new ExchangeException(Kind.PERMANENT, message
                    + " (check rxpush.ews.username/password and the ApplicationImpersonation role)", null, false, e);
        }
        if (EwsFailures.isSubscriptionLimit(e)) {
            return new ExchangeException(Kind.PERMANENT, message
                    + " (too many subscriptions for the account; set rxpush.ews.use-impersonation=true)", null, false, e);
        }
        if (code != null && (code.contains("NonExistentMailbox") || code.contains("InvalidSmtpAddress")
                || code.contains("InvalidPushSubscriptionUrl"))) {
            return new ExchangeException(Kind.PERMANENT, message, null, false, e);
        }
        boolean unknown = !(rootCause(e) instanceof ServiceResponseException) && isTimeout(e);
        return new ExchangeException(Kind.TRANSIENT, message, null, unknown, e);
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof IOException && String.valueOf(t.getMessage()).contains("timed out")) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** The push URL carries the secret token: it never reaches a log line or the status API. */
    static String scrub(String text, URI url) {
        String out = text.replace(url.toString(), "<push url>");
        String path = url.getPath();
        String token = path.substring(path.lastIndexOf('/') + 1);
        return token.isEmpty() ? out : out.replace(token, "<token>");
    }
}
