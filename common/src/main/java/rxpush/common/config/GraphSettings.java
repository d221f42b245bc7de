package rxpush.common.config;

import java.net.URI;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Microsoft Graph (Office 365) connection, {@code rxpush.graph.*}, app-only (client credentials).
 *
 * @param baseUrl      Graph root (default https://graph.microsoft.com/v1.0)
 * @param tokenUrl     OAuth2 token endpoint; empty means
 *                     https://login.microsoftonline.com/{tenantId}/oauth2/v2.0/token
 * @param tenantId     Entra ID tenant
 * @param clientId     app registration id
 * @param clientSecret its secret; never logged
 */
public record GraphSettings(
        @DefaultValue("https://graph.microsoft.com/v1.0") URI baseUrl,
        URI tokenUrl,
        String tenantId,
        String clientId,
        String clientSecret) {

    public GraphSettings {
        if (baseUrl != null && !Urls.isHttp(baseUrl)) {
            throw new IllegalArgumentException("rxpush.graph.base-url must be an http(s) URL");
        }
        if (tokenUrl != null && !Urls.isHttp(tokenUrl)) {
            throw new IllegalArgumentException("rxpush.graph.token-url must be an http(s) URL");
        }
    }

    /** The token endpoint to use: the configured one, or Entra ID's for the tenant. */
    public URI effectiveTokenUrl() {
        if (tokenUrl != null) {
            return tokenUrl;
        }
        if (tenantId == null || tenantId.isBlank()) {
            throw new IllegalStateException("rxpush.graph.tenant-id or rxpush.graph.token-url is required for Graph");
        }
        return URI.create("https://login.microsoftonline.com/" + tenantId + "/oauth2/v2.0/token");
    }

    public boolean configured() {
        return clientId != null && !clientId.isBlank();
    }

    @Override
    public String toString() {
        return "GraphSettings[baseUrl=" + baseUrl + ", tokenUrl=" + tokenUrl + ", tenantId=" + tenantId
                + ", clientId=" + clientId + "]";
    }
}
