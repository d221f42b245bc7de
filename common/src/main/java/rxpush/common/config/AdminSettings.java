package rxpush.common.config;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Access to the operator surfaces, {@code rxpush.admin.*} (docs/security.md, "Operator surfaces").
 *
 * @param token        the bearer token of the admin API; empty (default): read from {@code token-file},
 *                     generated there at first start
 * @param tokenFile    where the generated token is kept, readable by its owner only (default
 *                     {@code rxpush-data/admin-token}); the CLI reads it
 * @param allowedHosts Host header values (without port) accepted besides loopback names, e.g. the
 *                     name a reverse proxy in front of the admin port forwards (default none)
 */
public record AdminSettings(
        @DefaultValue("") String token,
        @DefaultValue("rxpush-data/admin-token") Path tokenFile,
        @DefaultValue List<String> allowedHosts) {

    public AdminSettings {
        token = token == null ? "" : token;
        tokenFile = tokenFile == null ? Path.of("rxpush-data", "admin-token") : tokenFile;
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    }

    @Override
    public String toString() {
        return "AdminSettings[token=" + (token.isEmpty() ? "(from " + tokenFile + ")" : "***") + ", allowedHosts="
                + allowedHosts + "]";
    }
}
