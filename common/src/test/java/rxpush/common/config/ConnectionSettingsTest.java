package rxpush.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Graph per Microsoft cloud, and no plain http off loopback unless asked for. */
class ConnectionSettingsTest {

    private static GraphSettings graph(String base, String authority) {
        return new GraphSettings(URI.create(base), null, "tenant-1", "app", "s", URI.create(authority), null, null, null,
                false);
    }

    @Test
    void theScopeFollowsTheGraphRootOfEachCloud() {
        assertThat(new GraphSettings(URI.create("https://graph.microsoft.com/v1.0"), null, "t", "app", "s").scope())
                .isEqualTo("https://graph.microsoft.com/.default");
        assertThat(graph("https://graph.microsoft.us/v1.0", "https://login.microsoftonline.us").scope())
                .isEqualTo("https://graph.microsoft.us/.default");
        assertThat(graph("https://dod-graph.microsoft.us/v1.0", "https://login.microsoftonline.us").scope())
                .isEqualTo("https://dod-graph.microsoft.us/.default");
        assertThat(graph("https://microsoftgraph.chinacloudapi.cn/v1.0", "https://login.chinacloudapi.cn").scope())
                .isEqualTo("https://microsoftgraph.chinacloudapi.cn/.default");
    }

    @Test
    void theTokenEndpointFollowsTheAuthorityHost() {
        assertThat(graph("https://graph.microsoft.us/v1.0", "https://login.microsoftonline.us/").effectiveTokenUrl())
                .isEqualTo(URI.create("https://login.microsoftonline.us/tenant-1/oauth2/v2.0/token"));
        assertThat(graph("https://microsoftgraph.chinacloudapi.cn/v1.0", "https://login.chinacloudapi.cn")
                .effectiveTokenUrl()).isEqualTo(URI.create("https://login.chinacloudapi.cn/tenant-1/oauth2/v2.0/token"));
        assertThat(new GraphSettings(URI.create("https://graph.microsoft.com/v1.0"), null, "t", "app", "s")
                .effectiveTokenUrl()).isEqualTo(URI.create("https://login.microsoftonline.com/t/oauth2/v2.0/token"));
    }

    @Test
    void plainHttpOffLoopbackIsRefusedUnlessAllowed() {
        assertThatThrownBy(() -> new EwsSettings(URI.create("http://mail.contoso.com/EWS/Exchange.asmx"), "svc", "pw",
                null, true, Duration.ofMinutes(5), Duration.ofMinutes(5)))
                .hasMessageContaining("rxpush.ews.url is plain http to mail.contoso.com")
                .hasMessageContaining("rxpush.ews.allow-insecure-http");
        assertThatThrownBy(() -> graph("http://graph.contoso.test/v1.0", "https://login.microsoftonline.com"))
                .hasMessageContaining("rxpush.graph.base-url is plain http");
        assertThatThrownBy(() -> graph("https://graph.microsoft.com/v1.0", "http://login.contoso.test"))
                .hasMessageContaining("rxpush.graph.authority-host is plain http");
        EwsSettings allowed = new EwsSettings(URI.create("http://exchange-simulator:9080/EWS/Exchange.asmx"), "svc", "pw",
                null, true, Duration.ofMinutes(5), Duration.ofMinutes(5), EwsSettings.EwsAuth.BASIC, null, null, true);
        assertThat(allowed.allowInsecureHttp()).isTrue();
    }

    @Test
    void loopbackHttpAndHttpsAreAccepted() {
        for (String url : new String[] {"http://127.0.0.1:9080/EWS/Exchange.asmx", "http://localhost/EWS/Exchange.asmx",
            "http://[::1]:80/EWS/Exchange.asmx", "https://mail.contoso.com/EWS/Exchange.asmx"}) {
            assertThat(new EwsSettings(URI.create(url), "svc", "pw", null, true, Duration.ofMinutes(5),
                    Duration.ofMinutes(5)).url()).hasToString(url);
        }
        assertThat(Urls.isSecureOrLoopback(URI.create("http://127.0.0.1.nip.io/"))).isFalse();
    }

    @Test
    void secretsStayOutOfToString() {
        GraphSettings settings = new GraphSettings(URI.create("https://graph.microsoft.com/v1.0"), null, "t", "app",
                "top-secret", URI.create("https://login.microsoftonline.com"), null, "p12-secret", null, false);
        assertThat(settings.toString()).doesNotContain("top-secret").doesNotContain("p12-secret");
        EwsSettings ews = new EwsSettings(URI.create("https://mail.contoso.com/EWS/Exchange.asmx"), "svc", "pw-secret",
                null, true, Duration.ofMinutes(5), Duration.ofMinutes(5), EwsSettings.EwsAuth.BASIC, null, "ts-secret",
                false);
        assertThat(ews.toString()).doesNotContain("pw-secret").doesNotContain("ts-secret");
    }
}
