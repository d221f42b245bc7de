package rxpush.standalone.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import rxpush.common.config.EwsSettings;
import rxpush.common.config.GraphSettings;
import rxpush.common.exchange.GraphHttp;
import rxpush.common.exchange.GraphTokenProvider;
import rxpush.standalone.doctor.CheckResult.Status;
import rxpush.testsupport.LoopbackHttp;
import rxpush.testsupport.LoopbackHttp.Answer;
import rxpush.testsupport.MutableClock;

/** EWS and Graph checks, each against the failure it detects. */
class ExchangeChecksTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private static String getFolderResponse(String responseClass, String code) {
        // As Exchange answers: a success carries the folder; an error its text and link key before the code's details.
        String body = "Success".equals(responseClass)
                ? "<m:ResponseCode>NoError</m:ResponseCode><m:Folders><t:CalendarFolder><t:FolderId Id=\"AAMkCal\" ChangeKey=\"AgAA\"/>"
                        + "<t:DisplayName>Calendar</t:DisplayName></t:CalendarFolder></m:Folders>"
                : "<m:MessageText>denied</m:MessageText><m:ResponseCode>" + code + "</m:ResponseCode>"
                        + "<m:DescriptiveLinkKey>0</m:DescriptiveLinkKey><m:Folders/>";
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
                  <s:Header><h:ServerVersionInfo MajorVersion="15" MinorVersion="1" MajorBuildNumber="2507" MinorBuildNumber="6"
                    xmlns:h="http://schemas.microsoft.com/exchange/services/2006/types"/></s:Header>
                  <s:Body>
                    <m:GetFolderResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"
                        xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
                      <m:ResponseMessages>
                        <m:GetFolderResponseMessage ResponseClass="%s">%s</m:GetFolderResponseMessage>
                      </m:ResponseMessages>
                    </m:GetFolderResponse>
                  </s:Body>
                </s:Envelope>""".formatted(responseClass, body);
    }

    private static String subscribeResponse(String responseClass, String code) {
        String body = "Success".equals(responseClass)
                ? "<m:ResponseCode>NoError</m:ResponseCode><m:SubscriptionId>sub-doctor</m:SubscriptionId>"
                        + "<m:Watermark>AQAAAA==</m:Watermark>"
                : "<m:MessageText>refused</m:MessageText><m:ResponseCode>" + code + "</m:ResponseCode>"
                        + "<m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>";
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
                  <s:Header><h:ServerVersionInfo MajorVersion="15" MinorVersion="1" MajorBuildNumber="2507" MinorBuildNumber="6"
                    xmlns:h="http://schemas.microsoft.com/exchange/services/2006/types"/></s:Header>
                  <s:Body>
                    <m:SubscribeResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"
                        xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
                      <m:ResponseMessages>
                        <m:SubscribeResponseMessage ResponseClass="%s">%s</m:SubscribeResponseMessage>
                      </m:ResponseMessages>
                    </m:SubscribeResponse>
                  </s:Body>
                </s:Envelope>""".formatted(responseClass, body);
    }

    /** Exchange answering GetFolder with the folder and Subscribe as given. */
    private static LoopbackHttp exchange(String subscribeClass, String subscribeCode) {
        return new LoopbackHttp(r -> Answer.xml(200, r.body().contains("PushSubscriptionRequest")
                ? subscribeResponse(subscribeClass, subscribeCode) : getFolderResponse("Success", "NoError")));
    }

    private static EwsSettings ews(LoopbackHttp server, boolean impersonation) {
        return new EwsSettings(URI.create(server.url("/EWS/Exchange.asmx")), "svc", "pw", null, impersonation,
                Duration.ofMinutes(5), Duration.ofMinutes(5));
    }

    @Test
    void ewsCalendarsReadableAndAPushSubscribeWithImpersonationPass() {
        try (LoopbackHttp exchange = exchange("Success", "NoError")) {
            List<CheckResult> results = new EwsMailboxCheck(ews(exchange, true), List.of("room.1@contoso.com"), TIMEOUT).run();
            assertThat(results).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(Status.PASS);
                assertThat(r.what()).contains("push Subscribe accepted").contains("with impersonation");
            });
            assertThat(exchange.requests.get(0).body()).contains("ExchangeImpersonation").contains("room.1@contoso.com");
            assertThat(exchange.requests.get(1).body()).contains("PushSubscriptionRequest")
                    .contains("/ews/notifications/doctor-check").contains("ExchangeImpersonation");
        }
    }

    @Test
    void aDelegateSubscriptionRefusalFailsInOneLineWithTheFix() {
        try (LoopbackHttp exchange = exchange("Error", "ErrorSubscriptionDelegateAccessNotSupported")) {
            List<CheckResult> results = new EwsMailboxCheck(ews(exchange, false), List.of("room.1@contoso.com"), TIMEOUT).run();
            assertThat(results).hasSize(2);
            assertThat(results.get(1)).satisfies(r -> {
                assertThat(r.status()).isEqualTo(Status.FAIL);
                assertThat(r.what()).contains("room.1@contoso.com").contains("ErrorSubscriptionDelegateAccessNotSupported");
                assertThat(r.fix()).contains("rxpush.ews.use-impersonation=true").contains("ApplicationImpersonation");
            });
        }
    }

    @Test
    void aPolicyBlockedTenantFailsSayingMoveToGraph() {
        try (LoopbackHttp exchange = new LoopbackHttp(r -> new Answer(403, "text/html", "",
                java.util.Map.of("X-EWS-Policy-Reason", "EwsBlockedByTenantPolicy")))) {
            List<CheckResult> results = new EwsMailboxCheck(ews(exchange, true), List.of("room.1@contoso.com"), TIMEOUT).run();
            assertThat(results).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(Status.FAIL);
                assertThat(r.what()).contains("EWS is blocked by policy for this tenant");
                assertThat(r.fix()).isEqualTo("move this mailbox to Graph");
            });
        }
    }

    @Test
    void impersonationRefusedFailsWithTheRoleToGrant() {
        try (LoopbackHttp exchange = new LoopbackHttp(r -> Answer.xml(200, getFolderResponse("Error", "ErrorImpersonateUserDenied")))) {
            List<CheckResult> results = new EwsMailboxCheck(ews(exchange, true), List.of("room.1@contoso.com"), TIMEOUT).run();
            assertThat(results).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(Status.FAIL);
                assertThat(r.what()).contains("ErrorImpersonateUserDenied");
                assertThat(r.fix()).contains("ApplicationImpersonation");
            });
        }
    }

    @Test
    void impersonationOffIsWarnedNamingTheSetting() {
        try (LoopbackHttp exchange = exchange("Success", "NoError")) {
            List<String> rooms = IntStream.rangeClosed(1, 21).mapToObj(i -> "room" + i + "@contoso.com").toList();
            List<CheckResult> results = new EwsMailboxCheck(ews(exchange, false), rooms, TIMEOUT).run();
            assertThat(results.get(0).status()).isEqualTo(Status.WARN);
            assertThat(results.get(0).fix()).contains("rxpush.ews.use-impersonation=true");
        }
    }

    @Test
    void ewsMailboxesWithoutAnEwsUrlFail() {
        EwsSettings none = new EwsSettings(null, null, null, null, false, Duration.ofMinutes(5), Duration.ofMinutes(5));
        assertThat(new EwsMailboxCheck(none, List.of("a@b.c"), TIMEOUT).run()).singleElement()
                .satisfies(r -> assertThat(r.what()).contains("rxpush.ews.url is not set"));
        assertThat(new EwsMailboxCheck(none, List.of(), TIMEOUT).run()).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(Status.SKIP));
    }

    private static GraphMailboxCheck graphCheck(LoopbackHttp server, List<String> mailboxes) {
        GraphSettings settings = new GraphSettings(URI.create(server.url("/v1.0")), URI.create(server.url("/tenant/token")),
                "tenant", "app-id", "app-secret");
        HttpClient http = HttpClient.newHttpClient();
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T09:00:00Z"));
        GraphTokenProvider tokens = new GraphTokenProvider(settings, http, clock, TIMEOUT);
        return new GraphMailboxCheck(settings, tokens, new GraphHttp(settings, http, tokens, clock, TIMEOUT), mailboxes);
    }

    private static Answer token() {
        return Answer.json(200, "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"t\"}");
    }

    @Test
    void graphTokenAndReadableCalendarsPass() {
        try (LoopbackHttp graph = new LoopbackHttp(r -> r.path().endsWith("/token") ? token() : Answer.json(200, "{\"id\":\"c\"}"))) {
            List<CheckResult> results = graphCheck(graph, List.of("room.2@contoso.com")).run();
            assertThat(results).extracting(CheckResult::status).containsExactly(Status.PASS, Status.PASS);
            assertThat(graph.requests.get(1).path()).startsWith("/v1.0/users/room.2%40contoso.com/calendarView?startDateTime=")
                    .endsWith("&$top=1&$select=id");
        }
    }

    @Test
    void aRefusedClientSecretFailsWithoutPrintingIt() {
        try (LoopbackHttp graph = new LoopbackHttp(r -> Answer.json(401, "{\"error\":\"invalid_client\"}"))) {
            List<CheckResult> results = graphCheck(graph, List.of("room.2@contoso.com")).run();
            assertThat(results).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(Status.FAIL);
                assertThat(r.line()).contains("invalid_client").doesNotContain("app-secret");
            });
        }
    }

    @Test
    void aMailboxTheAppMayNotReadFailsWithThePermissionToGrant() {
        try (LoopbackHttp graph = new LoopbackHttp(r -> r.path().endsWith("/token") ? token() : Answer.json(403, "{}"))) {
            List<CheckResult> results = graphCheck(graph, List.of("room.2@contoso.com")).run();
            assertThat(results.get(1).status()).isEqualTo(Status.FAIL);
            assertThat(results.get(1).fix()).contains("Calendars.Read");
        }
    }

    @Test
    void anUnknownGraphMailboxFails() {
        try (LoopbackHttp graph = new LoopbackHttp(r -> r.path().endsWith("/token") ? token() : Answer.json(404, "{}"))) {
            assertThat(graphCheck(graph, List.of("nobody@contoso.com")).run().get(1).what()).contains("HTTP 404");
        }
    }
}
