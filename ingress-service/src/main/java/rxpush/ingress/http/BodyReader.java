package rxpush.ingress.http;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.util.unit.DataSize;

/**
 * Reads a request body, never more than the configured limit: a declared Content-Length over the
 * limit is refused before reading (a body with a Content-Length is read into an array of exactly
 * that size: the servlet container never delivers more than it declares), a chunked body is cut off
 * one byte past the limit.
 */
public final class BodyReader {

    private BodyReader() {
    }

    /**
     * @throws PayloadTooLargeException when the body is larger than {@code limit}
     * @throws IOException              when the client stops sending
     */
    public static byte[] read(HttpServletRequest request, DataSize limit) throws PayloadTooLargeException, IOException {
        long max = limit.toBytes();
        long declared = request.getContentLengthLong();
        if (declared > max) {
            throw new PayloadTooLargeException(limit);
        }
        try (InputStream in = request.getInputStream()) {
            if (declared >= 0) {
                // The usual case (Exchange and Graph declare the length): one array of exactly that size.
                // readNBytes(max) would allocate its 16 KB steps and copy them for every request.
                byte[] body = new byte[(int) declared];
                int read = in.readNBytes(body, 0, body.length);
                if (read < body.length) {
                    throw new java.io.EOFException("body shorter than its Content-Length");
                }
                return body;
            }
            byte[] body = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
            if (body.length > max) {
                throw new PayloadTooLargeException(limit);
            }
            return body;
        }
    }

    /** The body is larger than rxpush.ingress.max-body-size. */
    public static final class PayloadTooLargeException extends Exception {

        public PayloadTooLargeException(DataSize limit) {
            super("body larger than " + limit.toBytes() + " bytes");
        }
    }
}
