package rxpush.ingress.http;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
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
 * A body with a Content-Length (the usual case: Exchange and Graph declare it) is read into one array
 * of exactly that size, since the servlet container never delivers more than it declares.
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
        try (InputStream in = request.getInputStream()) {
            return declared >= 0 ? readDeclared(in, (int) declared, deadline, timeout)
                    : readChunked(in, max, limit, deadline, timeout);
        }
    }

    private static byte[] readDeclared(InputStream in, int length, long deadline, Duration timeout)
            throws IOException, BodyTimeoutException {
        byte[] body = new byte[length];
        int read = 0;
        while (read < length) {
            int n = in.read(body, read, Math.min(CHUNK, length - read));
            if (n < 0) {
                throw new EOFException("body shorter than its Content-Length");
            }
            read += n;
            if (read < length && System.nanoTime() - deadline > 0) {
                throw new BodyTimeoutException(timeout);
            }
        }
        return body;
    }

    private static byte[] readChunked(InputStream in, long max, DataSize limit, long deadline, Duration timeout)
            throws IOException, BodyTimeoutException, PayloadTooLargeException {
        int cap = (int) Math.min(max + 1, Integer.MAX_VALUE - 8);
        ByteArrayOutputStream body = new ByteArrayOutputStream(CHUNK);
        byte[] chunk = new byte[CHUNK];
        int n;
        while (body.size() < cap && (n = in.read(chunk, 0, Math.min(chunk.length, cap - body.size()))) >= 0) {
            body.write(chunk, 0, n);
            if (body.size() < cap && System.nanoTime() - deadline > 0) {
                throw new BodyTimeoutException(timeout);
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
