package rxpush.simulators.exchange.ews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.enumeration.property.WellKnownFolderName;
import microsoft.exchange.webservices.data.core.exception.service.remote.ServiceResponseException;
import microsoft.exchange.webservices.data.core.service.folder.CalendarFolder;
import microsoft.exchange.webservices.data.core.service.folder.Folder;
import microsoft.exchange.webservices.data.property.complex.FolderId;
import microsoft.exchange.webservices.data.property.complex.Mailbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rxpush.simulators.exchange.ExchangeSimulator;
import rxpush.simulators.exchange.ExchangeSimulatorOptions;

/** GetFolder through the real EWS client: how clients learn a calendar's FolderId and check access. */
class EwsGetFolderIT {

    private static ExchangeSimulator sim;

    @BeforeAll
    static void start() {
        sim = ExchangeSimulator.start(ExchangeSimulatorOptions.defaults().mailboxes(2)
                .ewsCredentials("svc-rxpush", "secret").requireImpersonation(true));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void bindsTheCalendarByDistinguishedIdAndThenByItsFolderId() throws Exception {
        String room = sim.mailboxes().get(0);
        try (ExchangeService service = EwsClients.connect(sim, "svc-rxpush", "secret", room)) {
            CalendarFolder calendar = CalendarFolder.bind(service, new FolderId(WellKnownFolderName.Calendar, new Mailbox(room)));
            assertThat(calendar.getDisplayName()).isEqualTo("Calendar");
            String id = calendar.getId().getUniqueId();
            assertThat(id).isNotBlank();
            Folder again = Folder.bind(service, new FolderId(id));
            assertThat(again.getId().getUniqueId()).isEqualTo(id);
        }
        assertThat(sim.stats().count("ews.GetFolder.folders")).isEqualTo(2);
    }

    @Test
    void anotherMailboxWithoutImpersonationIsRefused() {
        String room = sim.mailboxes().get(0);
        String other = sim.mailboxes().get(1);
        try (ExchangeService service = EwsClients.connect(sim, "svc-rxpush", "secret", room)) {
            assertThatThrownBy(() -> Folder.bind(service, new FolderId(WellKnownFolderName.Calendar, new Mailbox(other))))
                    .isInstanceOf(ServiceResponseException.class);
        }
    }
}
