package rxpush.simulators.exchange.ews;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rxpush.simulators.exchange.ExchangeSimulator;
import rxpush.simulators.exchange.ExchangeSimulatorOptions;
import rxpush.simulators.exchange.calendar.BookingSpec;
import rxpush.simulators.exchange.calendar.ItemView;

/** Raw SOAP against the endpoint: every refusal EWS answers with, as a fault or in a response message. */
class EwsSoapErrorsIT {

    private static final String ENVELOPE = """
            <?xml version="1.0" encoding="utf-8"?>
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"
                xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"
                xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
              <soap:Header><t:RequestServerVersion Version="Exchange2013"/>%s</soap:Header>
              <soap:Body>%s</soap:Body>
            </soap:Envelope>""";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ExchangeSimulator sim;
    private static String room;

    @BeforeAll
    static void start() {
        sim = ExchangeSimulator.start(ExchangeSimulatorOptions.defaults().mailboxes(2)
                .ewsCredentials("svc", "pw").property("ews.impersonation-allowed", "false"));
        room = sim.mailboxes().getFirst();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static HttpResponse<String> post(String body, boolean credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(sim.ewsUrl())
                .header("Content-Type", "text/xml; charset=utf-8").POST(HttpRequest.BodyPublishers.ofString(body));
        if (credentials) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("svc:pw".getBytes()));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> operation(String header, String operation) throws Exception {
        return post(ENVELOPE.formatted(header, operation), true);
    }

    private static String calendar(String mailbox) {
        return "<t:DistinguishedFolderId Id=\"calendar\">" + (mailbox == null ? ""
                : "<t:Mailbox><t:EmailAddress>" + mailbox + "</t:EmailAddress></t:Mailbox>") + "</t:DistinguishedFolderId>";
    }

    @Test
    void credentialsAreChallengedWithBasic() throws Exception {
        HttpResponse<String> answer = post(ENVELOPE.formatted("", "<m:GetItem/>"), false);
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    }

    @Test
    void malformedEnvelopesAndUnknownOperationsAreSoapFaults() throws Exception {
        HttpResponse<String> notXml = post("<soap:Envelope", true);
        assertThat(notXml.statusCode()).isEqualTo(500);
        assertThat(notXml.body()).contains("a:ErrorSchemaValidation").contains("<s:Fault>");
        HttpResponse<String> soap12 = post("<e:Envelope xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\"/>", true);
        assertThat(soap12.body()).contains("ErrorSchemaValidation");
        assertThat(post("<!DOCTYPE x [<!ENTITY e \"x\">]><x>&e;</x>", true).body()).contains("ErrorSchemaValidation");
        HttpResponse<String> unknown = operation("", "<m:CreateItem/>");
        assertThat(unknown.statusCode()).isEqualTo(500);
        assertThat(unknown.body()).contains("a:ErrorInvalidRequest");
        assertThat(sim.stats().count("ews.unsupported.CreateItem")).isEqualTo(1);
    }

    @Test
    void impersonationWithoutTheRoleIsDenied() throws Exception {
        HttpResponse<String> denied = operation("<t:ExchangeImpersonation><t:ConnectingSID><t:PrimarySmtpAddress>" + room
                + "</t:PrimarySmtpAddress></t:ConnectingSID></t:ExchangeImpersonation>", "<m:GetItem/>");
        assertThat(denied.statusCode()).isEqualTo(500);
        assertThat(denied.body()).contains("a:ErrorImpersonateUserDenied");
    }

    @Test
    void subscribeChecksFrequencyUrlKindAndMailbox() throws Exception {
        String push = "<m:Subscribe><m:PushSubscriptionRequest><t:FolderIds>%s</t:FolderIds><t:EventTypes>"
                + "<t:EventType>ModifiedEvent</t:EventType></t:EventTypes><t:StatusFrequency>%s</t:StatusFrequency>"
                + "<t:URL>%s</t:URL></m:PushSubscriptionRequest></m:Subscribe>";
        assertThat(operation("", push.formatted(calendar(room), "1441", "https://x.test/p")).body())
                .contains("ErrorSchemaValidation");
        assertThat(operation("", push.formatted(calendar(room), "5", "ftp://x.test/p")).body())
                .contains("<m:ResponseCode>ErrorInvalidPushSubscriptionUrl</m:ResponseCode>");
        assertThat(operation("", push.formatted(calendar(null), "5", "https://x.test/p")).body())
                .contains("<m:ResponseCode>ErrorMissingEmailAddress</m:ResponseCode>");
        assertThat(operation("", push.formatted(calendar("ghost@sim.contoso.com"), "5", "https://x.test/p")).body())
                .contains("<m:ResponseCode>ErrorNonExistentMailbox</m:ResponseCode>");
        assertThat(operation("", "<m:Subscribe><m:PullSubscriptionRequest><t:FolderIds>" + calendar(room)
                + "</t:FolderIds></m:PullSubscriptionRequest></m:Subscribe>").body())
                .contains("<m:ResponseCode>ErrorInvalidSubscriptionRequest</m:ResponseCode>");
    }

    @Test
    void delegateAccessWorksWhenImpersonationIsNotRequiredAndBadIdsAndRangesAreRefused() throws Exception {
        ItemView booking = sim.bookings().create(room, BookingSpec.random());
        String shape = "<m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>";
        HttpResponse<String> got = operation("", "<m:GetItem>" + shape + "<m:ItemIds><t:ItemId Id=\"" + booking.ewsId()
                + "\"/><t:ItemId Id=\"bm9wZQ==\"/></m:ItemIds></m:GetItem>");
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).contains("ResponseClass=\"Success\"").contains(booking.ewsId())
                .contains("<m:ResponseCode>ErrorInvalidIdMalformed</m:ResponseCode>");
        HttpResponse<String> range = operation("", "<m:FindItem Traversal=\"Shallow\">" + shape
                + "<m:CalendarView StartDate=\"2026-12-01T00:00:00Z\" EndDate=\"2026-11-01T00:00:00Z\"/>"
                + "<m:ParentFolderIds>" + calendar(room) + "</m:ParentFolderIds></m:FindItem>");
        assertThat(range.body()).contains("ErrorCalendarEndDateIsEarlierThanStartDate");
        HttpResponse<String> sync = operation("", "<m:SyncFolderItems>" + shape + "<m:SyncFolderId>" + calendar(room)
                + "</m:SyncFolderId><m:MaxChangesReturned>0</m:MaxChangesReturned></m:SyncFolderItems>");
        assertThat(sync.body()).contains("ErrorSchemaValidation");
    }
}
