package rxpush.standalone.cli;

import java.net.URI;
import java.nio.file.Path;
import rxpush.common.admin.AdminToken;
import picocli.CommandLine.Option;

/** Where the admin API is: the standalone launcher's admin port, or subscription-service's management port. */
class AdminOptions {

    @Option(names = "--admin-url", paramLabel = "<url>", defaultValue = "${env:RXPUSH_ADMIN_URL:-http://127.0.0.1:8081}",
            description = "admin API base URL (default: ${DEFAULT-VALUE}; env RXPUSH_ADMIN_URL)")
    URI adminUrl;

    @Option(names = "--admin-token-file", paramLabel = "<file>",
            defaultValue = "${env:RXPUSH_ADMIN_TOKEN_FILE:-rxpush-data/admin-token}",
            description = "file holding the admin token, written by rx-push at first start (default: ${DEFAULT-VALUE}; "
                    + "env RXPUSH_ADMIN_TOKEN_FILE; env RXPUSH_ADMIN_TOKEN gives the token itself)")
    Path adminTokenFile;

    AdminClient client() {
        return new AdminClient(adminUrl, token());
    }

    private String token() {
        String token = System.getenv("RXPUSH_ADMIN_TOKEN");
        return token != null && !token.isBlank() ? token.trim() : AdminToken.readIfPresent(adminTokenFile);
    }
}
