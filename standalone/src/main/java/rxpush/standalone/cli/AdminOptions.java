package rxpush.standalone.cli;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.nio.file.Path;
import rxpush.common.admin.AdminToken;
import picocli.CommandLine.Option;

/** Where the admin API is: the standalone launcher's admin port, or subscription-service's management port. */
class AdminOptions {

    /** Host name to its addresses; replaced in tests. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

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

    /** One client per subscription-service instance behind the admin URL (see {@link #instances}). */
    List<AdminClient> instanceClients() {
        String token = token();
        return instances(adminUrl, InetAddress::getAllByName).stream().map(url -> new AdminClient(url, token)).toList();
    }

    /**
     * The admin URL once per address its host name resolves to. Each subscription-service instance
     * answers for the mailboxes it owns, and in docker-compose the service name resolves to every
     * replica, so a caller that needs all mailboxes asks each address. An IP literal, a loopback
     * name or a name that does not resolve stays the one URL.
     */
    static List<URI> instances(URI url, Resolver resolver) {
        String host = url.getHost();
        if (host == null || host.startsWith("[") || Character.isDigit(host.charAt(0))) {
            return List.of(url);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return List.of(url);
        }
        if (addresses.length < 2 || Arrays.stream(addresses).anyMatch(InetAddress::isLoopbackAddress)) {
            return List.of(url);
        }
        List<URI> urls = new ArrayList<>();
        for (InetAddress address : addresses) {
            String literal = address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]"
                    : address.getHostAddress();
            urls.add(URI.create(url.getScheme() + "://" + literal + (url.getPort() < 0 ? "" : ":" + url.getPort())
                    + (url.getRawPath() == null ? "" : url.getRawPath())));
        }
        return urls;
    }
}
