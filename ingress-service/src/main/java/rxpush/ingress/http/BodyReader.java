package rxpush.ingress.http;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.springframework.util.unit.DataSize;

/**
 * Reads a request body, never more than the configured limit and never for longer than the
 * deadline: a declared Content-Length over the limit is refused before reading, a chunked body is
 * cut off one byte past it, and a sender that trickles bytes is cut off once {@code timeout} has
 * passed since reading began (each single read is bounded by the connector's connection timeout,
 * {@code server.tomcat.connection-timeout}, so a silent sender is cut off at most that much later).
 */
public final class BodyReader {

    private static final int CHUNK = 16 * 1024;

    private BodyReader() {
    }

    /**
     * @throws PayloadTooLargeException when the body is larger than {@code limit}
     * @throws BodyTimeoutException     when the body did not arrive within {@code timeout}
     * @throws IOException              when the client stops sending
     */
    public static byte[] read(HttpServletRequest request, DataSize limit, Duration timeout)
            throws PayloadTooLargeException, BodyTimeoutException, IOException {
        long max = limit.toBytes();
        long declared = request.getContentLengthLong();
        if (declared > max) {
            throw new PayloadTooLargeException(limit);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        int cap = (int) Math.min(max + 1, Integer.MAX_VALUE - 8);
        ByteArrayOutputStream body = new ByteArrayOutputStream(declared >= 0 ? (int) declared : CHUNK);
        byte[] chunk = new byte[CHUNK];
        try (InputStream in = request.getInputStream()) {
            int n;
            while (body.size() < cap && (n = in.read(chunk, 0, Math.min(chunk.length, cap - body.size()))) >= 0) {
                body.write(chunk, 0, n);
                if (System.nanoTime() - deadline > 0 && body.size() < cap && (declared < 0 || body.size() < declared)) {
                    throw new BodyTimeoutException(timeout);
                }
            }
        }
        if (body.size() > max) {
            throw new PayloadTooLargeException(limit);
        }
        return body.toByteArray();
    }

    /** The body is larger than rxpush.ingress.max-body-size. */
    public static final class PayloadTooLargeException extends Exception {

        public PayloadTooLargeException(DataSize limit) {
            super("body larger than " + limit.toBytes() + " bytes");
        }
    }

    /** The body did not arrive within rxpush.ingress.body-read-timeout. */
    public static final class BodyTimeoutException extends Exception {

        public BodyTimeoutException(Duration timeout) {
            super("body not received within " + timeout.toMillis() + " ms");
        }
    }
}
