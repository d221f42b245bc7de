package rxpush.simulators.resourcexpress;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import rxpush.simulators.resourcexpress.bookings.ApiError;
import rxpush.simulators.resourcexpress.bookings.ApiException;
import rxpush.simulators.resourcexpress.bookings.SimJson;
import rxpush.simulators.resourcexpress.verify.Truth;
import tools.jackson.core.JacksonException;

/** Errors of the {@code /sim/**} control endpoints, in the same JSON shape as the RX API's. */
@RestControllerAdvice(basePackages = "rxpush.simulators.resourcexpress")
final class SimErrors {

    @ExceptionHandler(ApiException.class)
    ResponseEntity<String> refused(ApiException e) {
        return SimJson.answer(e.error().status(), e.error());
    }

    @ExceptionHandler({IllegalArgumentException.class, JacksonException.class})
    ResponseEntity<String> badInput(RuntimeException e) {
        String message = e instanceof JacksonException json ? json.getOriginalMessage() : e.getMessage();
        return SimJson.answer(400, new ApiError(400, "bad_request", message));
    }

    @ExceptionHandler(Truth.TruthUnavailableException.class)
    ResponseEntity<String> noTruth(Truth.TruthUnavailableException e) {
        return SimJson.answer(502, new ApiError(502, "truth_unavailable", e.getMessage()));
    }
}
