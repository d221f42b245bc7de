package rxpush.common.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.service.item.Appointment;
import microsoft.exchange.webservices.data.property.complex.ItemId;
import org.junit.jupiter.api.Test;
import rxpush.common.config.EwsSettings;
import rxpush.testsupport.LoopbackHttp;
import rxpush.testsupport.LoopbackHttp.Answer;

/** Real ews-java-api calls against a loopback server answering with EWS error responses. */
class EwsFailuresTest {

    private static String getItemError(String code, String extra) {
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
                  <s:Header><h:ServerVersionInfo MajorVersion="15" MinorVersion="1" MajorBuildNumber="2507" MinorBuildNumber="6"
                    Version="V2017_07_11" xmlns:h="http://schemas.microsoft.com/exchange/services/2006/types"/></s:Header>
                  <s:Body>
                    <m:GetItemResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"
                        xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
                      <m:ResponseMessages>
                        <m:GetItemResponseMessage ResponseClass="Error">
                          <m:MessageText>simulated</m:MessageText>
                          <m:ResponseCode>%s</m:ResponseCode>
                          <m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>
                          %s
                          <m:Items/>
                        </m:GetItemResponseMessage>
                      </m:ResponseMessages>
                    </m:GetItemResponse>
                  </s:Body>
                </s:Envelope>""".formatted(code, extra);
    }

    private Throwable failureOf(String responseXml) {
        try (LoopbackHttp server = new LoopbackHttp(request -> Answer.xml(200, responseXml))) {
            EwsSettings settings = new EwsSettings(URI.create(server.url("/EWS/Exchange.asmx")), "svc", "pw", null, true,
                    Duration.ofMinutes(5), Duration.ofMinutes(5));
            EwsServiceFactory factory = new EwsServiceFactory(settings, Duration.ofSeconds(5));
            try (ExchangeService service = factory.open("room.1@contoso.com")) {
                Appointment.bind(service, new ItemId("AAMkAD-missing"));
                throw new AssertionError("expected a failure");
            } catch (Exception e) {
                assertThat(server.requests).singleElement().satisfies(r -> {
                    assertThat(r.header("X-AnchorMailbox")).isEqualTo("room.1@contoso.com");
                    assertThat(r.body()).contains("ExchangeImpersonation").contains("room.1@contoso.com");
                });
                return e;
            }
        }
    }

    @Test
    void serverBusyCarriesExchangesBackOff() {
        Throwable failure = failureOf(getItemError("ErrorServerBusy",
                "<m:MessageXml><t:Value Name=\"BackOffMilliseconds\">2500</t:Value></m:MessageXml>"));
        assertThat(EwsFailures.serverBusyBackOff(failure)).contains(Duration.ofMillis(2500));
        assertThat(EwsFailures.errorCode(failure)).contains("ErrorServerBusy");
    }

    @Test
    void aMissingItemMeansGone() {
        Throwable failure = failureOf(getItemError("ErrorItemNotFound", ""));
        assertThat(EwsFailures.isItemGone(failure)).isTrue();
        assertThat(EwsFailures.serverBusyBackOff(failure)).isEmpty();
    }

    @Test
    void anOccurrenceRemovedFromItsSeriesOrPastItsEndMeansGone() {
        assertThat(EwsFailures.isItemGone(failureOf(getItemError("ErrorCalendarOccurrenceIsDeletedFromRecurrence", ""))))
                .isTrue();
        assertThat(EwsFailures.isItemGone(failureOf(getItemError("ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange",
                "")))).isTrue();
        assertThat(EwsFailures.isItemGone(failureOf(getItemError("ErrorNonExistentMailbox", "")))).isFalse();
    }

    @Test
    void aCalendarViewLongerThanExchangeAllowsIsRecognized() {
        assertThat(EwsFailures.isCalendarViewTooBig(failureOf(getItemError("ErrorCalendarViewRangeTooBig", "")))).isTrue();
        assertThat(EwsFailures.isCalendarViewTooBig(failureOf(getItemError("ErrorItemNotFound", "")))).isFalse();
    }

    @Test
    void anInvalidWatermarkIsRecognized() {
        assertThat(EwsFailures.isInvalidWatermark(failureOf(getItemError("ErrorInvalidWatermark", "")))).isTrue();
    }

    @Test
    void impersonationRefusedIsAccessDenied() {
        assertThat(EwsFailures.isAccessDenied(failureOf(getItemError("ErrorImpersonateUserDenied", "")))).isTrue();
    }

    @Test
    void anUnconfiguredEwsUrlIsAClearError() {
        EwsSettings settings = new EwsSettings(null, null, null, null, false, Duration.ofMinutes(5), Duration.ofMinutes(5));
        assertThatThrownBy(() -> new EwsServiceFactory(settings, Duration.ofSeconds(5)))
                .hasMessageContaining("rxpush.ews.url");
    }
}
