package rxpush.common.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.service.item.Appointment;
import microsoft.exchange.webservices.data.property.complex.ItemId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rxpush.common.config.EwsSettings;
import rxpush.testsupport.LoopbackHttp;
import rxpush.testsupport.LoopbackHttp.Answer;
import rxpush.testsupport.TestCertificates;

/** EWS over TLS with the JDK's trust and hostname checks, and Exchange Online's policy block. */
class EwsTransportTest {

    @TempDir
    Path dir;

    private static final String ITEM_NOT_FOUND = """
            <?xml version="1.0" encoding="utf-8"?>
            <s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
              <s:Header><h:ServerVersionInfo MajorVersion="15" MinorVersion="2" MajorBuildNumber="1" MinorBuildNumber="1"
                 xmlns:h="http://schemas.microsoft.com/exchange/services/2006/types"/></s:Header>
              <s:Body>
                <m:GetItemResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"
                    xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
                  <m:ResponseMessages><m:GetItemResponseMessage ResponseClass="Error">
                    <m:MessageText>not found</m:MessageText><m:ResponseCode>ErrorItemNotFound</m:ResponseCode>
                    <m:DescriptiveLinkKey>0</m:DescriptiveLinkKey><m:Items/>
                  </m:GetItemResponseMessage></m:ResponseMessages>
                </m:GetItemResponse>
              </s:Body>
            </s:Envelope>""";

    /** An HTTPS EWS stand-in on loopback presenting the key of {@code p12}; counts requests. */
    private static HttpsServer https(Path p12, AtomicInteger requests) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(TestCertificates.load(p12), TestCertificates.PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = ITEM_NOT_FOUND.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static Throwable getItem(URI url, Path trustStore) {
        EwsSettings settings = new EwsSettings(url, "svc", "pw", null, true, Duration.ofMinutes(5), Duration.ofMinutes(5),
                EwsSettings.EwsAuth.BASIC, trustStore, trustStore == null ? null : TestCertificates.PASSWORD, false);
        try (ExchangeService service = new EwsServiceFactory(settings, Duration.ofSeconds(10)).open("room@contoso.com")) {
            Appointment.bind(service, new ItemId("AAMkAD-x"));
            throw new AssertionError("expected a failure");
        } catch (Exception e) {
            return e;
        }
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + failure, failure);
    }

    @Test
    void aSelfSignedServerIsRefusedWhileATrustedOneWorks() throws Exception {
        Path p12 = TestCertificates.selfSigned(dir, "ews", "localhost", "dns:localhost,ip:127.0.0.1");
        AtomicInteger requests = new AtomicInteger();
        HttpsServer server = https(p12, requests);
        try {
            URI url = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/EWS/Exchange.asmx");
            SSLHandshakeException refused = find(getItem(url, null), SSLHandshakeException.class);
            assertThat(refused.getMessage()).contains("127.0.0.1:" + server.getAddress().getPort())
                    .contains("TLSv1.3, TLSv1.2");
            assertThat(requests).hasValue(0);

            Path trust = TestCertificates.trustStore(p12, dir.resolve("trust.p12"));
            Throwable answered = getItem(url, trust);
            assertThat(EwsFailures.isItemGone(answered)).as("Exchange answered: %s", answered).isTrue();
            assertThat(requests).hasValue(1);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aTrustedCertificateForAnotherHostIsRefused() throws Exception {
        Path p12 = TestCertificates.selfSigned(dir, "other", "mail.other.test", "dns:mail.other.test");
        AtomicInteger requests = new AtomicInteger();
        HttpsServer server = https(p12, requests);
        try {
            URI url = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/EWS/Exchange.asmx");
            Throwable failure = getItem(url, TestCertificates.trustStore(p12, dir.resolve("trust-other.p12")));
            assertThat(find(failure, SSLPeerUnverifiedException.class).getMessage()).contains("127.0.0.1");
            assertThat(requests).hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aPolicyBlockedCallIsReportedAsSuchNotAsAWrongPassword() {
        try (LoopbackHttp exchange = new LoopbackHttp(request -> new Answer(403, "text/html", "",
                Map.of(EwsPolicyBlockedException.HEADER, "EwsBlockedByTenantPolicy")))) {
            Throwable failure = getItem(URI.create(exchange.url("/EWS/Exchange.asmx")), null);
            assertThat(EwsFailures.policyBlocked(failure)).hasValueSatisfying(
                    blocked -> assertThat(blocked.reason()).isEqualTo("EwsBlockedByTenantPolicy"));
            assertThat(EwsFailures.mailboxRefusal(failure)).hasValueSatisfying(reason -> assertThat(reason)
                    .contains("EWS is blocked by policy for this tenant").contains("move this mailbox to Graph"));
        }
    }

    @Test
    void oauthSendsTheAppsBearerTokenForTheEwsHostsScopeAndNoPassword() {
        String token = "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"ews-token\"}";
        try (LoopbackHttp exchange = new LoopbackHttp(request -> request.path().contains("/oauth2/")
                ? Answer.json(200, token) : Answer.xml(200, ITEM_NOT_FOUND))) {
            EwsSettings ews = new EwsSettings(URI.create(exchange.url("/EWS/Exchange.asmx")), "svc", "pw", null, true,
                    Duration.ofMinutes(5), Duration.ofMinutes(5), EwsSettings.EwsAuth.OAUTH, null, null, false);
            rxpush.common.config.GraphSettings app = new rxpush.common.config.GraphSettings(
                    URI.create("https://graph.microsoft.com/v1.0"), null, "tenant-1", "app", "secret",
                    URI.create(exchange.url("")), null, null, null, false);
            EwsServiceFactory factory = EwsServiceFactory.create(ews, app, java.net.http.HttpClient.newHttpClient(),
                    java.time.Clock.systemUTC(), Duration.ofSeconds(10));
            try (ExchangeService service = factory.open("room@contoso.com")) {
                Appointment.bind(service, new ItemId("AAMkAD-x"));
            } catch (Exception e) {
                assertThat(EwsFailures.isItemGone(e)).as("Exchange answered: %s", e).isTrue();
            }
            assertThat(exchange.requests.get(0).path()).isEqualTo("/tenant-1/oauth2/v2.0/token");
            assertThat(exchange.requests.get(0).body()).contains("scope=https%3A%2F%2F127.0.0.1%2F.default");
            LoopbackHttp.Request soap = exchange.requests.get(1);
            assertThat(soap.header("Authorization")).isEqualTo("Bearer ews-token");
            assertThat(soap.body()).contains("ExchangeImpersonation");
        }
    }

    @Test
    void oauthWithoutAnAppRegistrationIsAClearStartUpError() {
        EwsSettings ews = new EwsSettings(URI.create("https://outlook.office365.com/EWS/Exchange.asmx"), null, null,
                null, true, Duration.ofMinutes(5), Duration.ofMinutes(5), EwsSettings.EwsAuth.OAUTH, null, null, false);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EwsServiceFactory.create(ews,
                new rxpush.common.config.GraphSettings(URI.create("https://graph.microsoft.com/v1.0"), null, null, null,
                        null), java.net.http.HttpClient.newHttpClient(), java.time.Clock.systemUTC(), Duration.ofSeconds(1)))
                .hasMessageContaining("rxpush.ews.auth=OAUTH needs the app registration in rxpush.graph.*");
        assertThat(EwsServiceFactory.ewsScope(ews.url())).isEqualTo("https://outlook.office365.com/.default");
    }

    @Test
    void aPlainForbiddenIsNotAPolicyBlock() {
        try (LoopbackHttp exchange = new LoopbackHttp(request -> new Answer(401, "text/html", "", Map.of()))) {
            Throwable failure = getItem(URI.create(exchange.url("/EWS/Exchange.asmx")), null);
            assertThat(EwsFailures.policyBlocked(failure)).isEmpty();
            assertThat(EwsFailures.mailboxRefusal(failure)).isEmpty();
            assertThat(EwsFailures.isAccessDenied(failure)).isTrue();
        }
    }
}
