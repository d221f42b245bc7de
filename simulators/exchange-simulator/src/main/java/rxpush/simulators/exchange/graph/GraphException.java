package rxpush.simulators.exchange.graph;

import java.util.Map;

/** An error Graph answers with {@code {"error":{"code":...,"message":...,"innerError":...}}}. */
final class GraphException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, String> headers;

    GraphException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    GraphException(int status, String code, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.code = code;
        this.headers = headers;
    }

    static GraphException badRequest(String message) {
        return new GraphException(400, "BadRequest", message);
    }

    static GraphException itemNotFound() {
        return new GraphException(404, "ErrorItemNotFound", "The specified object was not found in the store.");
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Map<String, String> headers() {
        return headers;
    }
}
