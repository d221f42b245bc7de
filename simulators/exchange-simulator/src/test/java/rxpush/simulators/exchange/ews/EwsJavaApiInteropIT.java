package rxpush.simulators.exchange.ews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.enumeration.notification.EventType;
import microsoft.exchange.webservices.data.core.enumeration.property.WellKnownFolderName;
import microsoft.exchange.webservices.data.core.service.item.Appointment;
import microsoft.exchange.webservices.data.notification.PushSubscription;
import microsoft.exchange.webservices.data.property.complex.FolderId;
import microsoft.exchange.webservices.data.property.complex.ItemId;
import microsoft.exchange.webservices.data.property.complex.Mailbox;
import microsoft.exchange.webservices.data.core.PropertySet;
import microsoft.exchange.webservices.data.core.enumeration.property.BasePropertySet;
import microsoft.exchange.webservices.data.core.enumeration.service.ServiceResult;
import microsoft.exchange.webservices.data.core.enumeration.service.SyncFolderItemsScope;
import microsoft.exchange.webservices.data.core.enumeration.misc.error.ServiceError;
import microsoft.exchange.webservices.data.core.exception.service.remote.ServiceResponseException;
import microsoft.exchange.webservices.data.core.response.GetItemResponse;
import microsoft.exchange.webservices.data.core.response.ServiceResponseCollection;
import microsoft.exchange.webservices.data.core.service.item.Item;
import microsoft.exchange.webservices.data.property.complex.Attendee;
import microsoft.exchange.webservices.data.search.CalendarView;
import microsoft.exchange.webservices.data.search.FindItemsResults;
import microsoft.exchange.webservices.data.sync.ChangeCollection;
import microsoft.exchange.webservices.data.sync.ItemChange;
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
        sim = ExchangeSimulator.start(ExchangeSimulatorOptions.defaults().mailboxes(5)
                .clockStart(Instant.parse("2026-11-02T07:00:00Z"))
                .ewsCredentials("svc-rxpush", "secret").requireImpersonation(true));
        receiver = new PushReceiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
        sim.close();
    }

    private ExchangeService service(String impersonate) {
        return EwsClients.connect(sim, "svc-rxpush", "secret", impersonate);
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

    @Test
    void bindsAllTheMappedPropertiesOfAMeeting() throws Exception {
        String room = sim.mailboxes().get(1);
        ItemView booking = sim.bookings().create(room, BookingSpec.of("Design review",
                Instant.parse("2026-11-03T09:00:00Z"), Instant.parse("2026-11-03T10:30:00Z")));
        try (ExchangeService service = service(room)) {
            Appointment appointment = Appointment.bind(service, new ItemId(booking.ewsId()));
            assertThat(appointment.getId().getUniqueId()).isEqualTo(booking.ewsId());
            assertThat(appointment.getId().getChangeKey()).isEqualTo(booking.changeKey());
            assertThat(appointment.getEnd().toInstant()).isEqualTo(booking.end());
            assertThat(appointment.getOrganizer().getAddress()).isEqualTo(booking.organizer().email());
            assertThat(appointment.getLocation()).isEqualTo(booking.location());
            assertThat(appointment.getIsAllDayEvent()).isEqualTo(booking.allDay());
            assertThat(appointment.getIsCancelled()).isFalse();
            assertThat(appointment.getSensitivity().name()).isEqualToIgnoringCase(booking.sensitivity().name());
            assertThat(appointment.getAppointmentType().name()).isEqualTo("Single");
            assertThat(appointment.getLastModifiedTime().toInstant()).isEqualTo(booking.lastModified()
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            assertThat(appointment.getStartTimeZone().getId()).isEqualTo(booking.timeZone());
            assertThat(appointment.getItemClass()).isEqualTo("IPM.Appointment");
            List<String> attendees = new java.util.ArrayList<>();
            for (Attendee attendee : appointment.getRequiredAttendees()) {
                attendees.add(attendee.getAddress() + "/" + attendee.getResponseType());
            }
            for (Attendee attendee : appointment.getOptionalAttendees()) {
                attendees.add(attendee.getAddress() + "/" + attendee.getResponseType());
            }
            List<String> expected = booking.attendees().stream()
                    .filter(a -> a.type() != rxpush.simulators.exchange.calendar.Attendee.Type.RESOURCE
                            && a.response() != rxpush.simulators.exchange.calendar.Attendee.Response.ORGANIZER)
                    .map(a -> a.person().email() + "/" + a.response().ews()).toList();
            assertThat(attendees).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(appointment.getResources().getCount()).isEqualTo(1);
        }
    }

    @Test
    void bindToItemsAnswersEachIdOnItsOwn() throws Exception {
        String room = sim.mailboxes().get(2);
        ItemView first = sim.bookings().create(room, BookingSpec.random());
        ItemView second = sim.bookings().create(room, BookingSpec.random());
        ItemView gone = sim.bookings().create(room, BookingSpec.random());
        sim.bookings().cancel(gone.ewsId());
        long before = sim.stats().count("ews.GetItem.items");
        try (ExchangeService service = service(room)) {
            ServiceResponseCollection<GetItemResponse> responses = service.bindToItems(List.of(
                    new ItemId(first.ewsId()), new ItemId(gone.ewsId()), new ItemId(second.ewsId())),
                    new PropertySet(BasePropertySet.FirstClassProperties));
            assertThat(responses.getResponseAtIndex(0).getResult()).isEqualTo(ServiceResult.Success);
            assertThat(responses.getResponseAtIndex(0).getItem().getSubject()).isEqualTo(first.subject());
            assertThat(responses.getResponseAtIndex(1).getErrorCode()).isEqualTo(ServiceError.ErrorItemNotFound);
            assertThat(responses.getResponseAtIndex(2).getItem().getId().getUniqueId()).isEqualTo(second.ewsId());
        }
        assertThat(sim.stats().count("ews.GetItem.items") - before).isEqualTo(3);
    }

    @Test
    void findAppointmentsExpandsSeriesInACalendarView() throws Exception {
        String room = sim.mailboxes().get(3);
        sim.bookings().create(room, BookingSpec.of("Single", Instant.parse("2026-11-04T12:00:00Z"),
                Instant.parse("2026-11-04T13:00:00Z")));
        ItemView master = sim.bookings().createSeries(room, BookingSpec.of("Weekly", Instant.parse("2026-11-03T08:00:00Z"),
                Instant.parse("2026-11-03T09:00:00Z")), new rxpush.simulators.exchange.calendar.Recurrence(
                rxpush.simulators.exchange.calendar.Recurrence.Pattern.WEEKLY, 1, 4));
        String secondOccurrence = sim.truth().mailbox(room).occurrences().get(1).ewsId();
        sim.bookings().updateOccurrence(secondOccurrence, BookingSpec.random().withSubject("Moved once"));
        try (ExchangeService service = service(room)) {
            FindItemsResults<Appointment> found = service.findAppointments(
                    new FolderId(WellKnownFolderName.Calendar, new Mailbox(room)),
                    new CalendarView(java.util.Date.from(Instant.parse("2026-11-01T00:00:00Z")),
                            java.util.Date.from(Instant.parse("2026-11-20T00:00:00Z"))));
            List<String> seen = found.getItems().stream().map(a -> {
                try {
                    return a.getSubject() + "/" + a.getAppointmentType();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
            assertThat(seen).containsExactly("Weekly/Occurrence", "Single/Single", "Moved once/Exception",
                    "Weekly/Occurrence");

            Appointment masterViaEws = Appointment.bind(service, new ItemId(master.ewsId()));
            assertThat(masterViaEws.getAppointmentType().name()).isEqualTo("RecurringMaster");
            assertThat(masterViaEws.getRecurrence().getNumberOfOccurrences()).isEqualTo(4);
            assertThat(masterViaEws.getModifiedOccurrences().getCount()).isEqualTo(1);
        }
    }

    @Test
    void syncFolderItemsListsEverythingThenOnlyChanges() throws Exception {
        String room = sim.mailboxes().get(4);
        ItemView kept = sim.bookings().create(room, BookingSpec.random());
        ItemView updated = sim.bookings().create(room, BookingSpec.random());
        ItemView cancelled = sim.bookings().create(room, BookingSpec.random());
        FolderId calendar = new FolderId(WellKnownFolderName.Calendar, new Mailbox(room));
        try (ExchangeService service = service(room)) {
            ChangeCollection<ItemChange> first = service.syncFolderItems(calendar,
                    new PropertySet(BasePropertySet.IdOnly), null, 2, SyncFolderItemsScope.NormalItems, null);
            assertThat(first.getCount()).isEqualTo(2);
            assertThat(first.getMoreChangesAvailable()).isTrue();
            ChangeCollection<ItemChange> rest = service.syncFolderItems(calendar,
                    new PropertySet(BasePropertySet.IdOnly), null, 2, SyncFolderItemsScope.NormalItems,
                    first.getSyncState());
            assertThat(rest.getCount()).isEqualTo(1);
            assertThat(rest.getMoreChangesAvailable()).isFalse();

            sim.bookings().update(updated.ewsId(), BookingSpec.random());
            sim.bookings().cancel(cancelled.ewsId());
            ItemView created = sim.bookings().create(room, BookingSpec.random());
            ChangeCollection<ItemChange> changes = service.syncFolderItems(calendar,
                    new PropertySet(BasePropertySet.IdOnly), null, 512, SyncFolderItemsScope.NormalItems,
                    rest.getSyncState());
            List<String> seen = new java.util.ArrayList<>();
            for (ItemChange change : changes) {
                seen.add(change.getChangeType() + " " + change.getItemId().getUniqueId());
            }
            assertThat(seen).containsExactly("Update " + updated.ewsId(), "Delete " + cancelled.ewsId(),
                    "Create " + created.ewsId());
            assertThat(seen).noneMatch(line -> line.endsWith(kept.ewsId()));

            assertThatThrownBy(() -> service.syncFolderItems(calendar, new PropertySet(BasePropertySet.IdOnly), null,
                    10, SyncFolderItemsScope.NormalItems, "bm90LWEtc3RhdGU="))
                    .isInstanceOf(ServiceResponseException.class)
                    .satisfies(e -> assertThat(((ServiceResponseException) e).getErrorCode())
                            .isEqualTo(ServiceError.ErrorInvalidSyncStateData));
        }
    }

    @Test
    void theFreeBusyNoiseItemBindsAsAPlainItem() throws Exception {
        String room = sim.mailboxes().get(0);
        String freeBusyId = sim.store().byAddress(room).orElseThrow().freeBusyItemId();
        try (ExchangeService service = service(room)) {
            Item item = Item.bind(service, new ItemId(freeBusyId));
            assertThat(item.getItemClass()).isEqualTo("IPM.SchedulePlus.FreeBusy.BinaryData");
            assertThat(item).isNotInstanceOf(Appointment.class);
        }
    }
}
