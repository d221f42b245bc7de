package rxpush.simulators.exchange.ews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.enumeration.misc.error.ServiceError;
import microsoft.exchange.webservices.data.core.enumeration.notification.EventType;
import microsoft.exchange.webservices.data.core.enumeration.property.WellKnownFolderName;
import microsoft.exchange.webservices.data.property.complex.FolderId;
import microsoft.exchange.webservices.data.property.complex.Mailbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rxpush.simulators.exchange.ExchangeSimulator;
import rxpush.simulators.exchange.ExchangeSimulatorOptions;
import rxpush.simulators.exchange.PushReceiver;

/** Exchange refuses delegate push subscriptions, impersonation outside the role's scope, and blocked EWS. */
class EwsAccessRulesIT {

    static ExchangeSimulator sim;
    static PushReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        sim = ExchangeSimulator.start(ExchangeSimulatorOptions.defaults().mailboxes(2).quietChanges()
                .ewsCredentials("svc-rxpush", "secret"));
        receiver = new PushReceiver();
        receiver.answer(r -> PushReceiver.Answer.ok());
    }

    @AfterAll
    static void stop() {
        receiver.close();
        sim.close();
    }

    @AfterEach
    void reset() {
        sim.access().update(new rxpush.simulators.exchange.control.AccessRules.State(java.util.Set.of(),
                java.util.Set.of(), ""));
    }

    private static String subscribe(String impersonate, String room) throws Exception {
        try (ExchangeService service = EwsClients.connect(sim, "svc-rxpush", "secret", impersonate)) {
            return service.subscribeToPushNotifications(List.of(new FolderId(WellKnownFolderName.Calendar,
                    new Mailbox(room))), receiver.url("/ews"), 5, null, EventType.Created).getId();
        }
    }

    @Test
    void aDelegateSubscriptionIsRefusedAnImpersonatedOneWorks() throws Exception {
        String room = sim.mailboxes().get(0);
        assertThatThrownBy(() -> subscribe(null, room)).satisfies(e -> assertThat(EwsClients.fault(e).getErrorCode())
                .isEqualTo(ServiceError.ErrorSubscriptionDelegateAccessNotSupported));
        assertThat(subscribe(room, room)).isNotBlank();
    }

    @Test
    void impersonationDeniedForOneMailboxLeavesTheOthers() throws Exception {
        String a = sim.mailboxes().get(0);
        String b = sim.mailboxes().get(1);
        sim.access().denyEwsImpersonation(b, true);
        assertThatThrownBy(() -> subscribe(b, b)).satisfies(e -> assertThat(EwsClients.fault(e).getErrorCode())
                .isEqualTo(ServiceError.ErrorImpersonateUserDenied));
        assertThat(subscribe(a, a)).isNotBlank();
    }

    @Test
    void aBlockedTenantAnswers403WithThePolicyReason() throws Exception {
        sim.access().blockEws("EwsBlockedByTenantPolicy");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(sim.ewsUrl())
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("svc-rxpush:secret".getBytes()))
                .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString("<x/>")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("X-EWS-Policy-Reason")).contains("EwsBlockedByTenantPolicy");
        sim.access().blockEws(null);
        assertThat(subscribe(sim.mailboxes().get(0), sim.mailboxes().get(0))).isNotBlank();
    }

    @Test
    void theRulesAreSwitchableOverRest() throws Exception {
        String b = sim.mailboxes().get(1);
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sim.baseUrl() + "/sim/access")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"graphDenied\":[\"" + b.toUpperCase() + "\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(sim.access().graphDenied(b)).isTrue();
        assertThat(sim.access().ewsImpersonationDenied(b)).isFalse();
    }
}
