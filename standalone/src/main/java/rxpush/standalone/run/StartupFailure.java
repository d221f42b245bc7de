package rxpush.standalone.run;

import org.springframework.boot.web.server.PortInUseException;
import rxpush.common.config.ConfigFailureAnalyzer;

/** One line for the operator when start-up fails: the bad setting, the busy port, or the root cause. */
public final class StartupFailure {

    private StartupFailure() {
    }

    public static String describe(Throwable failure) {
        return ConfigFailureAnalyzer.describeConfigFailure(failure).orElseGet(() -> {
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof PortInUseException port) {
                    return "Port " + port.getPort() + " is already in use: set --server.port (notifications) or"
                            + " --management.server.port (admin) to a free port";
                }
            }
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = failure.getMessage() != null && failure != root ? failure.getMessage() : String.valueOf(root.getMessage());
            return "Start-up failed: " + message;
        });
    }
}
