package rxpush.common.config;

import java.net.URI;
import java.nio.file.Path;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Microsoft Graph (Office 365) connection, {@code rxpush.graph.*}, app-only (client credentials), for
 * every Microsoft cloud: the token scope follows the Graph root ({@code https://graph.microsoft.us/.default}
 * for GCC High), the token endpoint the authority host.
 *
 * @param baseUrl             Graph root with version (default https://graph.microsoft.com/v1.0; GCC High
 *                            https://graph.microsoft.us/v1.0, DoD https://dod-graph.microsoft.us/v1.0, China
 *                            https://microsoftgraph.chinacloudapi.cn/v1.0)
 * @param tokenUrl            OAuth2 token endpoint; empty means {authority-host}/{tenantId}/oauth2/v2.0/token
 * @param tenantId            Entra ID tenant
 * @param clientId            app registration id
 * @param clientSecret        its secret; never logged. Empty when a certificate is used
 * @param authorityHost       Entra ID host (default https://login.microsoftonline.com; US Government
 *                            https://login.microsoftonline.us, China https://login.chinacloudapi.cn)
 * @param certificate         the app's certificate credential: a PKCS#12 file (.p12/.pfx) with key and
 *                            certificate, or a PEM file with the certificate (and the key, unless
 *                            {@code privateKey} names it); used instead of the secret
 * @param certificatePassword the PKCS#12 password; never logged
 * @param privateKey          PEM file with the PKCS#8 private key, when not inside {@code certificate}
 * @param allowInsecureHttp   accept plain http URLs for hosts other than loopback: for test rigs only
 */
public record GraphSettings(
        @DefaultValue("https://graph.microsoft.com/v1.0") URI baseUrl,
        URI tokenUrl,
        String tenantId,
        String clientId,
        String clientSecret,
        @DefaultValue("https://login.microsoftonline.com") URI authorityHost,
        Path certificate,
        String certificatePassword,
        Path privateKey,
        @DefaultValue("false") boolean allowInsecureHttp) {

    static final URI DEFAULT_AUTHORITY = URI.create("https://login.microsoftonline.com");

    @ConstructorBinding
    public GraphSettings {
        check(baseUrl, "base-url", allowInsecureHttp);
        check(tokenUrl, "token-url", allowInsecureHttp);
        check(authorityHost, "authority-host", allowInsecureHttp);
        if (authorityHost == null) {
            authorityHost = DEFAULT_AUTHORITY;
        }
    }

    /** A client-secret app on the default authority, https required off loopback. */
    public GraphSettings(URI baseUrl, URI tokenUrl, String tenantId, String clientId, String clientSecret) {
        this(baseUrl, tokenUrl, tenantId, clientId, clientSecret, DEFAULT_AUTHORITY, null, null, null, false);
    }

    private static void check(URI url, String name, boolean allowInsecureHttp) {
        if (url == null) {
            return;
        }
        if (!Urls.isHttp(url)) {
            throw new IllegalArgumentException("rxpush.graph." + name + " must be an http(s) URL");
        }
        if (!allowInsecureHttp && !Urls.isSecureOrLoopback(url)) {
            throw new IllegalArgumentException("rxpush.graph." + name + " is plain http to " + url.getHost()
                    + ": tokens and secrets would travel in the clear; use https (or set"
                    + " rxpush.graph.allow-insecure-http=true on a test rig)");
        }
    }

    /** The token endpoint to use: the configured one, or the authority host's for the tenant. */
    public URI effectiveTokenUrl() {
        if (tokenUrl != null) {
            return tokenUrl;
        }
        if (tenantId == null || tenantId.isBlank()) {
            throw new IllegalStateException("rxpush.graph.tenant-id or rxpush.graph.token-url is required for Graph");
        }
        return URI.create(Urls.trimmed(authorityHost) + "/" + tenantId + "/oauth2/v2.0/token");
    }

    /**
     * The client-credentials scope: the Graph root of {@code baseUrl} with {@code /.default}. Microsoft
     * requires the national cloud's own domain in the scope (a global-cloud scope is refused there).
     */
    public String scope() {
        URI base = baseUrl == null ? URI.create("https://graph.microsoft.com/v1.0") : baseUrl;
        return base.getScheme() + "://" + base.getRawAuthority() + "/.default";
    }

    /** The Graph root (scheme, host, port) that may receive the bearer token. */
    public URI root() {
        URI base = baseUrl == null ? URI.create("https://graph.microsoft.com/v1.0") : baseUrl;
        return URI.create(base.getScheme() + "://" + base.getRawAuthority());
    }

    public boolean usesCertificate() {
        return certificate != null;
    }

    public boolean configured() {
        return clientId != null && !clientId.isBlank();
    }

    @Override
    public String toString() {
        return "GraphSettings[baseUrl=" + baseUrl + ", tokenUrl=" + tokenUrl + ", tenantId=" + tenantId
                + ", clientId=" + clientId + ", authorityHost=" + authorityHost + ", certificate=" + certificate
                + ", allowInsecureHttp=" + allowInsecureHttp + "]";
    }
}
