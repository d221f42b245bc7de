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
