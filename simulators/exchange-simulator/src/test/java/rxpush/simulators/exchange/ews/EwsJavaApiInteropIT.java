package rxpush.simulators.exchange.ews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.enumeration.misc.ConnectingIdType;
import microsoft.exchange.webservices.data.core.enumeration.misc.ExchangeVersion;
import microsoft.exchange.webservices.data.core.enumeration.notification.EventType;
import microsoft.exchange.webservices.data.core.enumeration.property.WellKnownFolderName;
import microsoft.exchange.webservices.data.core.service.item.Appointment;
import microsoft.exchange.webservices.data.credential.WebCredentials;
import microsoft.exchange.webservices.data.misc.ImpersonatedUserId;
import microsoft.exchange.webservices.data.notification.PushSubscription;
import microsoft.exchange.webservices.data.property.complex.FolderId;
import microsoft.exchange.webservices.data.property.complex.ItemId;
import microsoft.exchange.webservices.data.property.complex.Mailbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rxpush.simulators.exchange.ExchangeSimulator;
import rxpush.simulators.exchange.ExchangeSimulatorOptions;
import rxpush.simulators.exchange.PushReceiver;
import rxpush.simulators.exchange.calendar.BookingSpec;
import rxpush.simulators.exchange.calendar.ItemView;

/** The real EWS client (ews-java-api 2.0) against the simulator. */
class EwsJavaApiInteropIT {

    private static ExchangeSimulator sim;
    private static PushReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        sim = ExchangeSimulator.start(ExchangeSimulatorOptions.defaults().mailboxes(3)
                .ewsCredentials("svc-rxpush", "secret").requireImpersonation(true));
        receiver = new PushReceiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
        sim.close();
    }

    private ExchangeService service(String impersonate) {
        ExchangeService service = new ExchangeService(ExchangeVersion.Exchange2010_SP2);
        service.setUrl(sim.ewsUrl());
        service.setCredentials(new WebCredentials("svc-rxpush", "secret"));
        if (impersonate != null) {
            service.setImpersonatedUserId(new ImpersonatedUserId(ConnectingIdType.SmtpAddress, impersonate));
        }
        return service;
    }

    @Test
    void subscribesAndReceivesAStatusEventThenTheChanges() throws Exception {
        String room = sim.mailboxes().get(0);
        try (ExchangeService service = service(room)) {
            PushSubscription subscription = service.subscribeToPushNotifications(
                    List.of(new FolderId(WellKnownFolderName.Calendar, new Mailbox(room))),
                    receiver.url("/ews/a"), 5, null,
                    EventType.Created, EventType.Modified, EventType.Deleted, EventType.Moved);
            assertThat(subscription.getId()).isNotBlank();
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/ews/a").size() == 1);
            assertThat(receiver.received("/ews/a").getFirst().body()).contains("<t:StatusEvent>")
                    .contains(subscription.getId());

            ItemView booking = sim.bookings().create(room, BookingSpec.random());
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/ews/a").size() == 2);
            String push = receiver.received("/ews/a").get(1).body();
            assertThat(push).contains("<t:CreatedEvent>").contains(booking.ewsId().substring(0, 20));

            Appointment appointment = Appointment.bind(service, new ItemId(booking.ewsId()));
            assertThat(appointment.getSubject()).isEqualTo(booking.subject());
            assertThat(appointment.getStart().toInstant()).isEqualTo(booking.start());
            assertThat(appointment.getICalUid()).isEqualTo(booking.iCalUid());
        }
    }
}
