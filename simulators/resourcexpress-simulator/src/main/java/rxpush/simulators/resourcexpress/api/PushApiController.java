package rxpush.simulators.resourcexpress.api;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import rxpush.common.contract.BookingUpdate;
import rxpush.simulators.resourcexpress.bookings.ApiException;
import rxpush.simulators.resourcexpress.bookings.BookingStore;
import rxpush.simulators.resourcexpress.bookings.SimJson;
import rxpush.simulators.resourcexpress.bookings.StoredBooking;
import rxpush.simulators.resourcexpress.bookings.WriteResult;
import tools.jackson.databind.JsonNode;

/**
 * The ResourceXpress push API v1 (docs/resourcexpress-push-api.md). Auth and faults happened in
 * {@link PushApiFilter}; this checks the request itself and hands valid writes to the store.
 */
@RestController
final class PushApiController {

    private final BookingStore store;

    PushApiController(BookingStore store) {
        this.store = store;
    }

    @PutMapping(ApiPaths.BOOKINGS + "{bookingId}")
    ResponseEntity<String> put(@PathVariable String bookingId,
            @RequestHeader(name = "Idempotency-Key", required = false) String key,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestBody(required = false) byte[] body, HttpServletRequest request) {
        RequestNote note = RequestNote.of(request);
        BookingBody.checkId(bookingId);
        requireKey(key);
        requireJson(contentType);
        JsonNode tree = BookingBody.parse(body);
        BookingUpdate update = BookingBody.toBooking(tree, bookingId);
        JsonNode recurrence = tree.get("recurrence");
        WriteResult result = store.put(key, BookingBody.fingerprint("PUT", bookingId, tree), update,
                recurrence == null || recurrence.isNull() ? null : recurrence);
        return answer(result, note);
    }

    @DeleteMapping(ApiPaths.BOOKINGS + "{bookingId}")
    ResponseEntity<String> delete(@PathVariable String bookingId,
            @RequestHeader(name = "Idempotency-Key", required = false) String key,
            @RequestHeader(name = "X-Deleted-At", required = false) String deletedAt, HttpServletRequest request) {
        RequestNote note = RequestNote.of(request);
        BookingBody.checkId(bookingId);
        requireKey(key);
        requireInstant(deletedAt);
        // X-Deleted-At is not part of the fingerprint: a retry may carry a later observation time.
        WriteResult result = store.delete(key, BookingBody.fingerprint("DELETE", bookingId, null), bookingId);
        return answer(result, note);
    }

    @GetMapping(ApiPaths.BOOKINGS + "{bookingId}")
    ResponseEntity<String> get(@PathVariable String bookingId, HttpServletRequest request) {
        RequestNote note = RequestNote.of(request);
        BookingBody.checkId(bookingId);
        return store.find(bookingId)
                .map(found -> {
                    note.outcome = "found";
                    return ResponseEntity.ok().contentType(SimJson.JSON_UTF8).body(SimJson.write(withRecurrence(found)));
                })
                .orElseThrow(() -> new ApiException(404, "not_found", "RX holds no booking " + bookingId));
    }

    /** The stored body, with the recurrence it was sent with (whatever BookingUpdate maps). */
    private static JsonNode withRecurrence(StoredBooking found) {
        JsonNode body = SimJson.mapper().valueToTree(found.booking());
        if (found.recurrence() != null && body instanceof tools.jackson.databind.node.ObjectNode object) {
            object.set("recurrence", found.recurrence());
        }
        return body;
    }

    @GetMapping(ApiPaths.BASE + "/health")
    ResponseEntity<String> health(HttpServletRequest request) {
        RequestNote.of(request).outcome = "healthy";
        return ResponseEntity.ok().contentType(SimJson.JSON_UTF8).body("{\"status\":\"UP\"}");
    }

    /**
     * The store's answer, or a lost-response fault: the write stays recorded under its key, only
     * the client does not learn it.
     */
    private ResponseEntity<String> answer(WriteResult result, RequestNote note) {
        note.applied = result.applied();
        note.replayed = result.replayed();
        note.outcome = result.outcome();
        boolean fresh = !result.replayed() && result.answer().status() != 422;
        if (fresh && note.plan.lostResponseStatus() != 0) {
            note.outcome = "lost_response";
            throw new ApiException(note.plan.lostResponseStatus(), "server_error",
                    "simulated: internal server error");
        }
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(result.answer().status());
        result.answer().headers().forEach(builder::header);
        if (result.replayed()) {
            builder.header("Idempotent-Replayed", "true");
        }
        if (result.answer().body() == null) {
            return builder.build();
        }
        return builder.contentType(SimJson.JSON_UTF8).body(result.answer().body());
    }

    private static void requireKey(String key) {
        if (key == null || key.isBlank()) {
            throw new ApiException(400, "missing_idempotency_key", "writes need an Idempotency-Key header");
        }
    }

    private static void requireJson(String contentType) {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            type = null;
        }
        boolean utf8 = type != null && (type.getCharset() == null || StandardCharsets.UTF_8.equals(type.getCharset()));
        if (type == null || !MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type) || !utf8) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value(), "unsupported_media_type",
                    "Content-Type must be application/json; charset=utf-8");
        }
    }

    private static void requireInstant(String deletedAt) {
        if (deletedAt == null || deletedAt.isBlank()) {
            throw new ApiException(400, "invalid_deleted_at", "DELETE needs an X-Deleted-At header (ISO-8601 UTC)");
        }
        if (BookingRules.utcInstant(deletedAt) == null) {
            throw new ApiException(400, "invalid_deleted_at",
                    "X-Deleted-At must be an ISO-8601 UTC instant such as 2026-11-25T09:00:00Z");
        }
    }
}
