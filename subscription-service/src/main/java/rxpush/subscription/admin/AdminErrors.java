package rxpush.subscription.admin;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import rxpush.subscription.registry.MailboxRegistry;

/**
 * Admin API errors as one clear JSON line: 400 for bad input, 503 when Kafka is unavailable. A base
 * class rather than a controller advice: in a separate management context an advice bean is not
 * consulted, controller-local handlers always are.
 */
abstract class AdminErrors {

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badInput(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().body(Map.of("error",
                "the body must be JSON like {\"address\":\"room@contoso.com\",\"protocol\":\"EWS\",\"enabled\":true}"));
    }

    @ExceptionHandler({MailboxRegistry.RegistryUnavailableException.class, IllegalStateException.class})
    ResponseEntity<Map<String, String>> unavailable(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("error", e.getMessage()));
    }
}
