package rxpush.standalone.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/** Where the admin API is: the standalone launcher's admin port, or subscription-service's management port. */
class AdminOptions {

    @Option(names = "--admin-url", paramLabel = "<url>", defaultValue = "${env:RXPUSH_ADMIN_URL:-http://127.0.0.1:8081}",
            description = "admin API base URL (default: ${DEFAULT-VALUE}; env RXPUSH_ADMIN_URL)")
    URI adminUrl;

    AdminClient client() {
        return new AdminClient(adminUrl);
    }
}
