package rxpush.simulators.resourcexpress.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import rxpush.simulators.resourcexpress.bookings.ApiException;
import rxpush.simulators.resourcexpress.bookings.SimJson;

/** Turns a refused RX API request into its JSON error and notes the code for the request log. */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(assignableTypes = PushApiController.class)
final class PushApiErrors {

    @ExceptionHandler(ApiException.class)
    ResponseEntity<String> refused(ApiException e, HttpServletRequest request) {
        RequestNote note = RequestNote.of(request);
        if (note.outcome == null) {
            note.outcome = e.error().error();
        }
        return ResponseEntity.status(e.error().status())
                .contentType(SimJson.JSON_UTF8)
                .body(SimJson.write(e.error()));
    }

    /** A failure of the simulator itself (e.g. the data file cannot be written): nothing applied. */
    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<String> failed(RuntimeException e, HttpServletRequest request) {
        return refused(new ApiException(500, "internal_error", "the simulator failed: " + e.getMessage()), request);
    }
}
