package rxpush.simulators.exchange.graph;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Graph's error body for the Graph controllers: {@code {"error":{"code","message","innerError"}}}. */
@RestControllerAdvice(assignableTypes = {SubscriptionsController.class, EventsController.class,
        InstancesController.class})
class GraphErrors {

    private final Clock clock;

    GraphErrors(Clock clock) {
        this.clock = clock;
    }

    @ExceptionHandler(GraphException.class)
    ResponseEntity<Map<String, Object>> graph(GraphException e) {
        HttpHeaders headers = new HttpHeaders();
        e.headers().forEach(headers::add);
        return ResponseEntity.status(e.status()).headers(headers).body(body(e.code(), e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().body(body("BadRequest", "Invalid request body: the JSON could not be read."));
    }

    private Map<String, Object> body(String code, String message) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("date", GraphTime.utc(clock.instant()).substring(0, 19));
        inner.put("request-id", UUID.randomUUID().toString());
        inner.put("client-request-id", UUID.randomUUID().toString());
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("innerError", inner);
        return Map.of("error", error);
    }
}
