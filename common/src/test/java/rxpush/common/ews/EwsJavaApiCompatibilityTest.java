package rxpush.common.ews;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.enumeration.misc.ConnectingIdType;
import microsoft.exchange.webservices.data.core.enumeration.misc.ExchangeVersion;
import microsoft.exchange.webservices.data.core.enumeration.notification.EventType;
import microsoft.exchange.webservices.data.core.enumeration.property.WellKnownFolderName;
import microsoft.exchange.webservices.data.credential.WebCredentials;
import microsoft.exchange.webservices.data.misc.ImpersonatedUserId;
import microsoft.exchange.webservices.data.notification.PushSubscription;
import microsoft.exchange.webservices.data.property.complex.FolderId;
import microsoft.exchange.webservices.data.property.complex.Mailbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ews-java-api 2.0 predates Java 11; without the JAX-WS API on the class path it fails with
 * NoClassDefFoundError (javax/xml/ws/http/HTTPException) on its first request. This test makes a
 * real Subscribe request over HTTP on the build's JDK and reads a real SubscribeResponse.
 */
class EwsJavaApiCompatibilityTest {

    private static final String SUBSCRIBE_RESPONSE = """
            <?xml version="1.0" encoding="utf-8"?>
            <s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
              <s:Header><h:ServerVersionInfo MajorVersion="15" MinorVersion="1" MajorBuildNumber="2507" MinorBuildNumber="6"
                Version="V2017_07_11" xmlns:h="http://schemas.microsoft.com/exchange/services/2006/types"/></s:Header>
              <s:Body>
                <m:SubscribeResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"
                    xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
                  <m:ResponseMessages>
                    <m:SubscribeResponseMessage ResponseClass="Success">
                      <m:ResponseCode>NoError</m:ResponseCode>
                      <m:SubscriptionId>sub-from-test-server</m:SubscriptionId>
                      <m:Watermark>AQAAAExY/dNdjDVK</m:Watermark>
                    </m:SubscribeResponseMessage>
                  </m:ResponseMessages>
                </m:SubscribeResponse>
              </s:Body>
            </s:Envelope>""";

    private HttpServer server;
    private final AtomicReference<String> requestBody = new AtomicReference<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/EWS/Exchange.asmx", exchange -> {
            requestBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = SUBSCRIBE_RESPONSE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=utf-8");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void subscribesToPushNotificationsWithImpersonation() throws Exception {
        try (ExchangeService service = new ExchangeService(ExchangeVersion.Exchange2010_SP2)) {
            service.setUrl(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/EWS/Exchange.asmx"));
            service.setCredentials(new WebCredentials("svc-rxpush", "not-a-real-password"));
            service.setImpersonatedUserId(new ImpersonatedUserId(ConnectingIdType.SmtpAddress, "room.101@contoso.com"));

            PushSubscription subscription = service.subscribeToPushNotifications(
                    List.of(new FolderId(WellKnownFolderName.Calendar, new Mailbox("room.101@contoso.com"))),
                    URI.create("https://push.contoso.com/ews/notifications/abc"), 5, null,
                    EventType.Created, EventType.Modified, EventType.Deleted, EventType.Moved);

            assertThat(subscription.getId()).isEqualTo("sub-from-test-server");
            assertThat(subscription.getWaterMark()).isEqualTo("AQAAAExY/dNdjDVK");
        }
        assertThat(requestBody.get())
                .contains("<m:Subscribe")
                .contains("PushSubscriptionRequest")
                .contains("<t:StatusFrequency>5</t:StatusFrequency>")
                .contains("https://push.contoso.com/ews/notifications/abc")
                .contains("ExchangeImpersonation")
                .contains("room.101@contoso.com");
    }
}
