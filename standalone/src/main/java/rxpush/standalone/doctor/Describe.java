package rxpush.standalone.doctor;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;

/** Short, secret-free descriptions of failures for report lines. */
final class Describe {

    private Describe() {
    }

    static String io(Throwable e) {
        if (e instanceof HttpTimeoutException) {
            return "no answer within the time budget";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
