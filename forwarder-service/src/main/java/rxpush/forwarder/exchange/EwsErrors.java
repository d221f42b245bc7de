package rxpush.forwarder.exchange;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import microsoft.exchange.webservices.data.core.enumeration.misc.error.ServiceError;
import microsoft.exchange.webservices.data.core.exception.http.HttpErrorException;
import microsoft.exchange.webservices.data.core.exception.service.remote.ServiceResponseException;
import rxpush.common.exchange.EwsFailures;
import rxpush.common.kafka.FailureStage;
import rxpush.forwarder.failure.ConfigurationFailure;
import rxpush.forwarder.failure.MailboxRefused;
import rxpush.forwarder.failure.PermanentFailure;
import rxpush.forwarder.failure.TransientFailure;

/** Turns what ews-java-api throws into the forwarder's failure kinds. */
final class EwsErrors {

    /** Answers that will be the same next time: the mailbox or the request is wrong, not the moment. */
    private static final Set<ServiceError> PERMANENT = Set.of(ServiceError.ErrorNonExistentMailbox,
            ServiceError.ErrorInvalidSmtpAddress, ServiceError.ErrorInvalidRequest, ServiceError.ErrorSchemaValidation,
            ServiceError.ErrorMailboxConfiguration, ServiceError.ErrorCalendarViewRangeTooBig);

    /** Per-item answers that mean "not now". */
    private static final Set<ServiceError> TRANSIENT_ITEM = Set.of(ServiceError.ErrorInternalServerTransientError,
            ServiceError.ErrorMailboxStoreUnavailable, ServiceError.ErrorTimeoutExpired,
            ServiceError.ErrorConnectionFailed, ServiceError.ErrorMailboxMoveInProgress);

    private EwsErrors() {
    }

    /** A failed EWS call (the whole request). */
    static RuntimeException of(Exception failure, String mailbox, String operation) {
        if (failure instanceof RuntimeException known && (known instanceof TransientFailure
                || known instanceof PermanentFailure || known instanceof ConfigurationFailure
                || known instanceof MailboxRefused)) {
            return known;
        }
        Optional<java.time.Duration> busy = EwsFailures.serverBusyBackOff(failure);
        if (busy.isPresent()) {
            return new TransientFailure("EWS " + operation + " for " + mailbox + ": ErrorServerBusy", busy.get(), failure);
        }
        Optional<String> refused = EwsFailures.mailboxRefusal(failure);
        if (refused.isPresent()) {
            return new MailboxRefused(mailbox, "EWS " + operation + " for " + mailbox + ": " + refused.get(), failure);
        }
        if (EwsFailures.isAccessDenied(failure)) {
            return new ConfigurationFailure(ConfigurationFailure.Component.EXCHANGE, "Exchange refused the EWS service "
                    + "account for " + mailbox + " (" + EwsFailures.errorCode(failure).orElse("HTTP 401/403")
                    + "); check rxpush.ews.username/password and the ApplicationImpersonation role", failure);
        }
        Optional<ServiceError> code = code(failure);
        if (code.isPresent() && PERMANENT.contains(code.get())) {
            return new PermanentFailure(FailureStage.FETCH, "EWS " + operation + " for " + mailbox + ": " + code.get(),
                    failure);
        }
        return new TransientFailure("EWS " + operation + " for " + mailbox + " failed: " + describe(failure), failure);
    }

    /**
     * A per-item error in a GetItem response: the item is gone, the moment is bad (thrown: the whole
     * call is retried), the credentials are wrong (thrown), or this item cannot be read (dead letter).
     */
    static Fetched item(ServiceResponseException failure, String mailbox) {
        if (EwsFailures.isItemGone(failure)) {
            return Fetched.GONE;
        }
        if (EwsFailures.serverBusyBackOff(failure).isPresent() || EwsFailures.isAccessDenied(failure)
                || EwsFailures.mailboxRefusal(failure).isPresent()
                || TRANSIENT_ITEM.contains(failure.getErrorCode())) {
            throw of(failure, mailbox, "GetItem");
        }
        return new Fetched.Unreadable(new PermanentFailure(FailureStage.FETCH, "EWS GetItem: " + failure.getErrorCode()
                + ": " + failure.getMessage(), failure));
    }

    private static Optional<ServiceError> code(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ServiceResponseException e) {
                return Optional.ofNullable(e.getErrorCode());
            }
        }
        return Optional.empty();
    }

    private static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpErrorException http) {
                return "HTTP " + http.getHttpErrorCode();
            }
            if (t instanceof IOException io) {
                return io.getClass().getSimpleName() + (io.getMessage() == null ? "" : ": " + io.getMessage());
            }
        }
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }
}
