package rxpush.simulators.resourcexpress.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import rxpush.common.contract.BookingIds;
import rxpush.common.contract.BookingUpdate;
import rxpush.simulators.resourcexpress.bookings.ApiError;
import rxpush.simulators.resourcexpress.bookings.ApiException;
import rxpush.simulators.resourcexpress.bookings.SimJson;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a PUT body the strict way: 400 when it is not one JSON object, 422 listing every field
 * that breaks the contract ({@link BookingRules}), else the {@link BookingUpdate} and a fingerprint
 * of its content (key order and whitespace do not matter) for the Idempotency-Key check.
 */
final class BookingBody {

    /** RFC 3986 unreserved characters: safe in a path segment without encoding. */
    private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9._~-]+");

    private static final JsonMapper PARSER = SimJson.mapper().rebuild()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final JsonMapper CANONICAL = SimJson.mapper().rebuild()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private BookingBody() {
    }

    /** The {bookingId} path segment: URL-safe, at most 128 characters, else 400. */
    static String checkId(String bookingId) {
        if (bookingId == null || bookingId.length() > BookingIds.MAX_LENGTH || !URL_SAFE.matcher(bookingId).matches()) {
            throw new ApiException(400, "invalid_booking_id", "bookingId must be 1-" + BookingIds.MAX_LENGTH
                    + " URL-safe characters (A-Z a-z 0-9 . _ ~ -)");
        }
        return bookingId;
    }

    static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new ApiException(400, "malformed_json", "the body is empty; a booking JSON object is required");
        }
        JsonNode tree;
        try {
            tree = PARSER.readTree(body);
        } catch (JacksonException e) {
            throw new ApiException(400, "malformed_json", "the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new ApiException(400, "malformed_json", "the body must be one JSON object");
        }
        return tree;
    }

    /** Validates against the contract and the path's bookingId; 422 names every broken field. */
    static BookingUpdate toBooking(JsonNode tree, String pathId) {
        List<ApiError.Violation> violations = BookingRules.check(tree, pathId);
        if (!violations.isEmpty()) {
            throw invalid(violations);
        }
        try {
            return SimJson.mapper().treeToValue(tree, BookingUpdate.class);
        } catch (JacksonException | IllegalArgumentException e) {
            // The record's own checks; BookingRules should have caught everything they do.
            throw invalid(List.of(new ApiError.Violation("", e.getMessage())));
        }
    }

    /** SHA-256 over the body with object keys sorted: equal content, equal fingerprint. */
    static String fingerprint(String method, String bookingId, JsonNode tree) {
        String canonical = tree == null ? "" : CANONICAL.writeValueAsString(CANONICAL.treeToValue(tree, Object.class));
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((method + " " + bookingId + "\n" + canonical).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static ApiException invalid(List<ApiError.Violation> violations) {
        return new ApiException(new ApiError(422, "invalid_body",
                violations.size() + " field(s) break the ResourceXpress push API v1 contract", violations, null));
    }
}
