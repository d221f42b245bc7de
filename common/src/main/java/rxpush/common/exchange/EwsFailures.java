package rxpush.common.exchange;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import microsoft.exchange.webservices.data.core.enumeration.misc.error.ServiceError;
import microsoft.exchange.webservices.data.core.exception.http.HttpErrorException;
import microsoft.exchange.webservices.data.core.exception.service.remote.ServiceResponseException;

/** Reads what an ews-java-api failure means for the caller's retry decision. */
public final class EwsFailures {

    /** Used when Exchange says ErrorServerBusy without a BackOffMilliseconds value. */
    static final Duration DEFAULT_BUSY_BACKOFF = Duration.ofSeconds(30);

    private EwsFailures() {
    }

    /** The back-off Exchange asked for with ErrorServerBusy, or empty when the failure is something else. */
    public static Optional<Duration> serverBusyBackOff(Throwable failure) {
        return responseError(failure)
                .filter(e -> e.getErrorCode() == ServiceError.ErrorServerBusy)
                .map(e -> {
                    Map<String, String> details = e.getResponse().getErrorDetails();
                    String millis = details == null ? null : details.get("BackOffMilliseconds");
                    try {
                        return millis == null ? DEFAULT_BUSY_BACKOFF : Duration.ofMillis(Long.parseLong(millis.trim()));
                    } catch (NumberFormatException ignored) {
                        return DEFAULT_BUSY_BACKOFF;
                    }
                });
    }

    /** ErrorInvalidWatermark, or ErrorExpiredSubscription: resubscribing from the watermark is pointless. */
    public static boolean isInvalidWatermark(Throwable failure) {
        return hasCode(failure, ServiceError.ErrorInvalidWatermark) || hasCode(failure, ServiceError.ErrorExpiredSubscription);
    }

    /**
     * The item no longer exists (deleted, or moved out of reach): for the forwarder, a deletion. An
     * occurrence removed from its series answers {@code ErrorCalendarOccurrenceIsDeletedFromRecurrence}, one
     * past the series' (shortened) end {@code ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange}: both
     * say that occurrence is gone.
     */
    public static boolean isItemGone(Throwable failure) {
        return hasCode(failure, ServiceError.ErrorItemNotFound) || hasCode(failure, ServiceError.ErrorInvalidIdMalformed)
                || hasCode(failure, ServiceError.ErrorInvalidIdNotAnItemAttachmentId)
                || hasCode(failure, ServiceError.ErrorCalendarOccurrenceIsDeletedFromRecurrence)
                || hasCode(failure, ServiceError.ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange);
    }

    /** EWS refused a CalendarView longer than it allows (two years): the range must be split. */
    public static boolean isCalendarViewTooBig(Throwable failure) {
        return hasCode(failure, ServiceError.ErrorCalendarViewRangeTooBig);
    }

    /** Too many subscriptions on the mailbox (Exchange allows 20 per mailbox and account). */
    public static boolean isSubscriptionLimit(Throwable failure) {
        return hasCode(failure, ServiceError.ErrorExceededSubscriptionCount);
    }

    /**
     * Exchange refused a push subscription made through delegate access: only the mailbox's own account
     * or ExchangeImpersonation may subscribe (Microsoft: "Handling delegation-related errors in EWS").
     */
    public static boolean isDelegateSubscriptionRefused(Throwable failure) {
        return hasCode(failure, ServiceError.ErrorSubscriptionDelegateAccessNotSupported);
    }

    /** Exchange Online blocked EWS by policy (403 with X-EWS-Policy-Reason). */
    public static Optional<EwsPolicyBlockedException> policyBlocked(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EwsPolicyBlockedException blocked) {
                return Optional.of(blocked);
            }
        }
        return Optional.empty();
    }

    /**
     * A refusal that concerns one mailbox, not the service account: Exchange answered the request (so
     * the password works) but will not let the account at this mailbox (ErrorAccessDenied, impersonation
     * refused for it, a delegate subscription), or EWS is blocked by policy. The answer, with the fix,
     * for the mailbox's status; empty for anything else. A whole-request HTTP 401 is not here: that is
     * the service account's password, for every mailbox.
     */
    public static Optional<String> mailboxRefusal(Throwable failure) {
        return refusal(failure).map(Refusal::message);
    }

    /** What Exchange refused for one mailbox, and the fix; see {@link #mailboxRefusal}. */
    public record Refusal(String what, String fix) {
        public String message() {
            return what + ": " + fix;
        }
    }

    /** {@link #mailboxRefusal} as its two halves, for reports that print the fix on its own line. */
    public static Optional<Refusal> refusal(Throwable failure) {
        Optional<EwsPolicyBlockedException> blocked = policyBlocked(failure);
        if (blocked.isPresent()) {
            return Optional.of(new Refusal("EWS is blocked by policy for this tenant (X-EWS-Policy-Reason: "
                    + blocked.get().reason() + ")", "move this mailbox to Graph"));
        }
        if (isDelegateSubscriptionRefused(failure)) {
            return Optional.of(new Refusal("ErrorSubscriptionDelegateAccessNotSupported: Exchange refuses push"
                    + " subscriptions through delegate access", "set rxpush.ews.use-impersonation=true and give the service"
                    + " account the ApplicationImpersonation role (New-ManagementRoleAssignment -Role ApplicationImpersonation)"));
        }
        if (hasCode(failure, ServiceError.ErrorImpersonateUserDenied) || hasCode(failure, ServiceError.ErrorImpersonationDenied)
                || hasCode(failure, ServiceError.ErrorImpersonationFailed)) {
            return Optional.of(new Refusal(errorCode(failure).orElseThrow() + ": the service account may not impersonate"
                    + " this mailbox", "extend the ApplicationImpersonation role assignment's scope to it"));
        }
        if (hasCode(failure, ServiceError.ErrorAccessDenied) || hasCode(failure, ServiceError.ErrorSubscriptionAccessDenied)) {
            return Optional.of(new Refusal(errorCode(failure).orElseThrow() + ": the service account has no access to"
                    + " this mailbox", "check its ApplicationImpersonation scope (or its rights on the mailbox)"));
        }
        return Optional.empty();
    }

    /** Credentials or impersonation rights are wrong: a configuration error, not a transient one. */
    public static boolean isAccessDenied(Throwable failure) {
        if (hasCode(failure, ServiceError.ErrorAccessDenied)
                || hasCode(failure, ServiceError.ErrorImpersonateUserDenied)
                || hasCode(failure, ServiceError.ErrorImpersonationDenied)) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpErrorException http && (http.getHttpErrorCode() == 401 || http.getHttpErrorCode() == 403)) {
                return true;
            }
        }
        return false;
    }

    /** The EWS response code, when the failure carries one; for logs and status. */
    public static Optional<String> errorCode(Throwable failure) {
        return responseError(failure).map(e -> e.getErrorCode().name());
    }

    private static boolean hasCode(Throwable failure, ServiceError code) {
        return responseError(failure).filter(e -> e.getErrorCode() == code).isPresent();
    }

    private static Optional<ServiceResponseException> responseError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ServiceResponseException e) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
