package rxpush.simulators.exchange.ews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.enumeration.misc.ConnectingIdType;
import microsoft.exchange.webservices.data.core.enumeration.misc.ExchangeVersion;
import microsoft.exchange.webservices.data.core.enumeration.misc.error.ServiceError;
import microsoft.exchange.webservices.data.core.enumeration.notification.EventType;
import microsoft.exchange.webservices.data.core.enumeration.property.WellKnownFolderName;
import microsoft.exchange.webservices.data.core.exception.service.remote.ServiceRequestException;
import microsoft.exchange.webservices.data.core.exception.service.remote.ServiceResponseException;
import microsoft.exchange.webservices.data.core.service.item.Appointment;
import microsoft.exchange.webservices.data.credential.WebCredentials;
import microsoft.exchange.webservices.data.misc.ImpersonatedUserId;
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

/** The errors the real EWS client sees: access rules, credentials, throttling, subscription limits. */
class EwsJavaApiErrorsIT {

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

    @Test
    void refusesOtherMailboxesWithoutImpersonationAndWrongPasswords() throws Exception {
        String room = sim.mailboxes().get(0);
        ItemView booking = sim.bookings().create(room, BookingSpec.random());
        try (ExchangeService service = EwsClients.connect(sim, "svc-rxpush", "secret", null)) {
            assertThatThrownBy(() -> Appointment.bind(service, new ItemId(booking.ewsId())))
                    .isInstanceOf(ServiceResponseException.class)
                    .satisfies(e -> assertThat(((ServiceResponseException) e).getErrorCode())
                            .isEqualTo(ServiceError.ErrorAccessDenied));
        }
        try (ExchangeService other = EwsClients.connect(sim, "svc-rxpush", "secret", sim.mailboxes().get(1))) {
            assertThatThrownBy(() -> Appointment.bind(other, new ItemId(booking.ewsId())))
                    .isInstanceOf(ServiceResponseException.class)
                    .satisfies(e -> assertThat(((ServiceResponseException) e).getErrorCode())
                            .isEqualTo(ServiceError.ErrorAccessDenied));
        }
        try (ExchangeService wrong = new ExchangeService(ExchangeVersion.Exchange2010_SP2)) {
            wrong.setUrl(sim.ewsUrl());
            wrong.setCredentials(new WebCredentials("svc-rxpush", "not-the-password"));
            wrong.setImpersonatedUserId(new ImpersonatedUserId(ConnectingIdType.SmtpAddress, room));
            assertThatThrownBy(() -> Appointment.bind(wrong, new ItemId(booking.ewsId())))
                    .isInstanceOf(ServiceRequestException.class).hasMessageContaining("401");
        }
        try (ExchangeService unknown = EwsClients.connect(sim, "svc-rxpush", "secret", "nobody@sim.contoso.com")) {
            // A SOAP fault: ews-java-api wraps it in a ServiceRequestException.
            assertThatThrownBy(() -> Appointment.bind(unknown, new ItemId(booking.ewsId())))
                    .isInstanceOf(ServiceRequestException.class)
                    .satisfies(e -> assertThat(EwsClients.fault(e).getErrorCode()).isEqualTo(ServiceError.ErrorNonExistentMailbox));
        }
    }


    @Test
    void serverBusyCarriesBackOffMilliseconds() throws Exception {
        String room = sim.mailboxes().get(0);
        ItemView booking = sim.bookings().create(room, BookingSpec.random());
        sim.faults().update(new rxpush.simulators.exchange.control.Faults.State(1.0, Duration.ofMillis(297749), null,
                null, null, null));
        try (ExchangeService service = EwsClients.connect(sim, "svc-rxpush", "secret", room)) {
            assertThatThrownBy(() -> Appointment.bind(service, new ItemId(booking.ewsId())))
                    .isInstanceOf(ServiceRequestException.class)
                    .satisfies(e -> {
                        ServiceResponseException busy = EwsClients.fault(e);
                        assertThat(busy.getErrorCode()).isEqualTo(ServiceError.ErrorServerBusy);
                        assertThat(busy.getResponse().getErrorDetails()).containsEntry("BackOffMilliseconds", "297749");
                    });
        } finally {
            sim.faults().update(new rxpush.simulators.exchange.control.Faults.State(0.0, null, null, null, null, null));
        }
        assertThat(sim.stats().count("ews.fault.ErrorServerBusy")).isGreaterThanOrEqualTo(1);
    }


    @Test
    void subscribeRefusesBadWatermarksAndTheTwentyFirstSubscription() throws Exception {
        String room = sim.mailboxes().get(2);
        FolderId calendar = new FolderId(WellKnownFolderName.Calendar, new Mailbox(room));
        try (ExchangeService service = EwsClients.connect(sim, "svc-rxpush", "secret", room)) {
            assertThatThrownBy(() -> service.subscribeToPushNotifications(List.of(calendar), receiver.url("/ews/w"), 5,
                    "AQAAAExY/dNdjDVKjtBVHKR5IOurFukhAAAAAAE=", EventType.Modified))
                    .isInstanceOf(ServiceResponseException.class)
                    .satisfies(e -> assertThat(((ServiceResponseException) e).getErrorCode())
                            .isEqualTo(ServiceError.ErrorInvalidWatermark));
            for (int i = 0; i < 20; i++) {
                service.subscribeToPushNotifications(List.of(calendar), receiver.url("/ews/many"), 60, null,
                        EventType.Modified);
            }
            assertThatThrownBy(() -> service.subscribeToPushNotifications(List.of(calendar), receiver.url("/ews/many"),
                    60, null, EventType.Modified))
                    .isInstanceOf(ServiceResponseException.class)
                    .satisfies(e -> assertThat(((ServiceResponseException) e).getErrorCode())
                            .isEqualTo(ServiceError.ErrorExceededSubscriptionCount));
        }
        assertThat(sim.ews().killSilently(room)).isEqualTo(20);
    }
}
