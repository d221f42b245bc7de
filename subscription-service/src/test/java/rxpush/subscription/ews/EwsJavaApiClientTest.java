package rxpush.subscription.ews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import rxpush.common.config.EwsSettings;
import rxpush.common.exchange.EwsServiceFactory;
import rxpush.subscription.engine.EwsClient;
import rxpush.subscription.engine.ExchangeException;
import rxpush.testsupport.LoopbackHttp;
import rxpush.testsupport.LoopbackHttp.Answer;

/** Real ews-java-api Subscribe requests against a loopback server answering as Exchange does. */
class EwsJavaApiClientTest {

    private static final String TOKEN = "tok3n-SECRET-abcdefghijklmnopqrstuvwxyz0123";
    private static final URI PUSH = URI.create("https://push.contoso.com/rx/ews/notifications/" + TOKEN);

    private static String response(String responseClass, String code, String extra, String body) {
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
                  <s:Header><h:ServerVersionInfo MajorVersion="15" MinorVersion="1" MajorBuildNumber="2507" MinorBuildNumber="6"
                    Version="V2017_07_11" xmlns:h="http://schemas.microsoft.com/exchange/services/2006/types"/></s:Header>
                  <s:Body>
                    <m:SubscribeResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"
                        xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
                      <m:ResponseMessages>
                        <m:SubscribeResponseMessage ResponseClass="%s">
                          %s
                          <m:ResponseCode>%s</m:ResponseCode>
                          %s
                          %s
                        </m:SubscribeResponseMessage>
                      </m:ResponseMessages>
                    </m:SubscribeResponse>
                  </s:Body>
                </s:Envelope>""".formatted(responseClass,
                responseClass.equals("Error") ? "<m:MessageText>simulated failure</m:MessageText>" : "", code,
                responseClass.equals("Error") ? "<m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>" : "", extra + body);
    }

    private static final String OK = response("Success", "NoError", "",
            "<m:SubscriptionId>sub-42</m:SubscriptionId><m:Watermark>AQAAAExY/dNdjDVK</m:Watermark>");

    private static EwsJavaApiClient client(LoopbackHttp server, boolean impersonation) {
        EwsSettings settings = new EwsSettings(URI.create(server.url("/EWS/Exchange.asmx")), "svc-rxpush", "pw", null,
                impersonation, Duration.ofMinutes(5), Duration.ofMinutes(5));
        return new EwsJavaApiClient(new EwsServiceFactory(settings, Duration.ofSeconds(5)));
    }

    @Test
    void subscribesTheCalendarFolderWithImpersonationAnchorFrequencyAndWatermark() throws Exception {
        try (LoopbackHttp server = new LoopbackHttp(r -> Answer.xml(200, OK))) {
            EwsClient.Subscribed subscribed = client(server, true).subscribe("room.1@contoso.com", PUSH, 7, "AQAAAOLD");

            assertThat(subscribed.subscriptionId()).isEqualTo("sub-42");
            assertThat(subscribed.watermark()).isEqualTo("AQAAAExY/dNdjDVK");
            assertThat(server.requests).singleElement().satisfies(r -> {
                assertThat(r.header("X-AnchorMailbox")).isEqualTo("room.1@contoso.com");
                assertThat(r.body()).contains("PushSubscriptionRequest")
                        .contains("<t:StatusFrequency>7</t:StatusFrequency>")
                        .contains("<t:URL>" + PUSH + "</t:URL>")
                        .contains("<t:Watermark>AQAAAOLD</t:Watermark>")
                        .contains("DistinguishedFolderId Id=\"calendar\"")
                        .contains("ExchangeImpersonation")
                        .contains("<t:EventType>CreatedEvent</t:EventType>")
                        .contains("<t:EventType>MovedEvent</t:EventType>");
            });
        }
    }

    @Test
    void withoutImpersonationNoImpersonationHeaderButStillTheAnchor() throws Exception {
        try (LoopbackHttp server = new LoopbackHttp(r -> Answer.xml(200, OK))) {
            client(server, false).subscribe("room.1@contoso.com", PUSH, 5, null);
            assertThat(server.requests).singleElement().satisfies(r -> {
                assertThat(r.body()).doesNotContain("ExchangeImpersonation").doesNotContain("<t:Watermark>");
                assertThat(r.header("X-AnchorMailbox")).isEqualTo("room.1@contoso.com");
            });
        }
    }

    private static ExchangeException failure(Answer answer) {
        try (LoopbackHttp server = new LoopbackHttp(r -> answer)) {
            try {
                client(server, true).subscribe("room.1@contoso.com", PUSH, 5, "AQAAAOLD");
            } catch (ExchangeException e) {
                assertThat(e.getMessage()).doesNotContain(TOKEN);
                return e;
            }
            throw new AssertionError("expected a failure");
        }
    }

    @Test
    void serverBusyIsThrottlingWithExchangesBackOff() {
        ExchangeException e = failure(Answer.xml(200, response("Error", "ErrorServerBusy",
                "<m:MessageXml><t:Value Name=\"BackOffMilliseconds\">3500</t:Value></m:MessageXml>", "")));
        assertThat(e.kind()).isEqualTo(ExchangeException.Kind.THROTTLED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(3500));
    }

    @Test
    void anInvalidWatermarkIsRecognized() {
        assertThat(failure(Answer.xml(200, response("Error", "ErrorInvalidWatermark", "", ""))).kind())
                .isEqualTo(ExchangeException.Kind.INVALID_WATERMARK);
    }

    @Test
    void refusedImpersonationIsPermanentAndSaysWhatToCheck() {
        ExchangeException e = failure(Answer.xml(200, response("Error", "ErrorImpersonateUserDenied", "", "")));
        assertThat(e.kind()).isEqualTo(ExchangeException.Kind.PERMANENT);
        assertThat(e.getMessage()).contains("ApplicationImpersonation");
    }

    @Test
    void aDelegateSubscriptionRefusalIsPermanentAndNamesTheFix() {
        ExchangeException e = failure(Answer.xml(200, response("Error", "ErrorSubscriptionDelegateAccessNotSupported",
                "", "")));
        assertThat(e.kind()).isEqualTo(ExchangeException.Kind.PERMANENT);
        assertThat(e.getMessage()).contains("ErrorSubscriptionDelegateAccessNotSupported")
                .contains("rxpush.ews.use-impersonation=true").contains("ApplicationImpersonation");
    }

    @Test
    void aPolicyBlockedTenantIsPermanentAndSaysMoveToGraph() {
        ExchangeException e = failure(new Answer(403, "text/html", "",
                java.util.Map.of("X-EWS-Policy-Reason", "EwsBlockedByTenantPolicy")));
        assertThat(e.kind()).isEqualTo(ExchangeException.Kind.PERMANENT);
        assertThat(e.getMessage()).contains("EWS is blocked by policy for this tenant").contains("move this mailbox to Graph");
    }

    @Test
    void tooManySubscriptionsIsPermanentAndNamesTheSetting() {
        ExchangeException e = failure(Answer.xml(200, response("Error", "ErrorExceededSubscriptionCount", "", "")));
        assertThat(e.kind()).isEqualTo(ExchangeException.Kind.PERMANENT);
        assertThat(e.getMessage()).contains("rxpush.ews.use-impersonation");
    }

    @Test
    void aServerErrorIsTransient() {
        assertThat(failure(Answer.xml(500, "<html>boom</html>")).kind()).isEqualTo(ExchangeException.Kind.TRANSIENT);
    }

    @Test
    void theTokenIsScrubbedFromAnyMessage() {
        assertThat(EwsJavaApiClient.scrub("could not reach " + PUSH + " (" + TOKEN + ")", PUSH))
                .isEqualTo("could not reach <push url> (<token>)");
    }

    @Test
    void unreachableExchangeIsTransient() {
        EwsSettings settings = new EwsSettings(URI.create("http://127.0.0.1:1/EWS/Exchange.asmx"), "svc", "pw", null, true,
                Duration.ofMinutes(5), Duration.ofMinutes(5));
        EwsJavaApiClient client = new EwsJavaApiClient(new EwsServiceFactory(settings, Duration.ofSeconds(2)));
        assertThatThrownBy(() -> client.subscribe("room.1@contoso.com", PUSH, 5, null))
                .isInstanceOfSatisfying(ExchangeException.class, e ->
                        assertThat(e.kind()).isEqualTo(ExchangeException.Kind.TRANSIENT));
    }
}
