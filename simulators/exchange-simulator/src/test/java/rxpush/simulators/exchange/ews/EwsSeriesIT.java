package rxpush.simulators.exchange.ews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.enumeration.misc.ConnectingIdType;
import microsoft.exchange.webservices.data.core.enumeration.misc.ExchangeVersion;
import microsoft.exchange.webservices.data.core.enumeration.notification.EventType;
import microsoft.exchange.webservices.data.core.enumeration.property.WellKnownFolderName;
import microsoft.exchange.webservices.data.misc.ImpersonatedUserId;
import microsoft.exchange.webservices.data.notification.PushSubscription;
import microsoft.exchange.webservices.data.property.complex.FolderId;
import microsoft.exchange.webservices.data.property.complex.Mailbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rxpush.simulators.exchange.ExchangeSimulator;
import rxpush.simulators.exchange.ExchangeSimulatorOptions;
import rxpush.simulators.exchange.PushReceiver;
import rxpush.simulators.exchange.calendar.BookingSpec;
import rxpush.simulators.exchange.calendar.ItemView;
import rxpush.simulators.exchange.calendar.Recurrence;

/** EWS and recurring series: occurrence errors, the CalendarView limit, pushes on the master, error pushes. */
class EwsSeriesIT {

    private static final String ENVELOPE = """
            <?xml version="1.0" encoding="utf-8"?>
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"
                xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"
                xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
              <soap:Header><t:RequestServerVersion Version="Exchange2013"/>
                <t:ExchangeImpersonation><t:ConnectingSID><t:SmtpAddress>%s</t:SmtpAddress></t:ConnectingSID>
                </t:ExchangeImpersonation></soap:Header>
              <soap:Body>%s</soap:Body>
            </soap:Envelope>""";
    private static final Instant FIRST = Instant.parse("2026-12-07T08:00:00Z");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ExchangeSimulator sim;
    private PushReceiver receiver;
    private String room;

    @BeforeEach
    void start() throws Exception {
        sim = ExchangeSimulator.start(ExchangeSimulatorOptions.defaults().mailboxes(1).quietChanges()
                .clockStart(Instant.parse("2026-12-04T12:00:00Z")));
        receiver = new PushReceiver();
        room = sim.mailboxes().getFirst();
    }

    @AfterEach
    void stop() {
        receiver.close();
        sim.close();
    }

    private String soap(String operation) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(sim.ewsUrl()).header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(ENVELOPE.formatted(room, operation))).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String getItem(String idXml) {
        return "<m:GetItem><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape></m:ItemShape><m:ItemIds>" + idXml
                + "</m:ItemIds></m:GetItem>";
    }

    private ItemView weeklyOfTen() {
        return sim.bookings().createSeries(room, BookingSpec.of("Weekly", FIRST, FIRST.plusSeconds(3600)),
                new Recurrence(Recurrence.Pattern.WEEKLY, 1, 10));
    }

    private List<ItemView> occurrences() {
        return sim.truth().mailbox(room).occurrences();
    }

    @Test
    void aCancelledOccurrenceAndOnePastTheShortenedEndAnswerTheirOwnCodes() throws Exception {
        ItemView master = weeklyOfTen();
        ItemView third = occurrences().get(2);
        ItemView ninth = occurrences().get(8);
        sim.bookings().cancelOccurrence(third.ewsId());
        sim.bookings().endSeriesAfter(master.ewsId(), 5);

        assertThat(soap(getItem("<t:ItemId Id=\"" + third.ewsId() + "\"/>")))
                .contains("ResponseClass=\"Error\"").contains("ErrorCalendarOccurrenceIsDeletedFromRecurrence");
        assertThat(soap(getItem("<t:OccurrenceItemId RecurringMasterId=\"" + master.ewsId() + "\" InstanceIndex=\"3\"/>")))
                .contains("ErrorCalendarOccurrenceIsDeletedFromRecurrence");
        assertThat(soap(getItem("<t:ItemId Id=\"" + ninth.ewsId() + "\"/>")))
                .contains("ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange");
        assertThat(soap(getItem("<t:OccurrenceItemId RecurringMasterId=\"" + master.ewsId() + "\" InstanceIndex=\"6\"/>")))
                .contains("ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange");
        String masterXml = soap(getItem("<t:ItemId Id=\"" + master.ewsId() + "\"/>"));
        assertThat(masterXml).contains("<t:CalendarItemType>RecurringMaster</t:CalendarItemType>")
                .contains("<t:WeeklyRecurrence>").contains("<t:EndDateRecurrence>")
                .contains("<t:EndDate>2027-01-04+01:00</t:EndDate>").contains("<t:DeletedOccurrences>");
        sim.bookings().cancel(master.ewsId());
        assertThat(soap(getItem("<t:ItemId Id=\"" + third.ewsId() + "\"/>"))).contains("ErrorItemNotFound");
    }

    @Test
    void aCalendarViewOverMoreThanTwoYearsIsRefused() throws Exception {
        weeklyOfTen();
        String view = "<m:FindItem Traversal=\"Shallow\"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>"
                + "<m:CalendarView StartDate=\"%s\" EndDate=\"%s\"/><m:ParentFolderIds>"
                + "<t:DistinguishedFolderId Id=\"calendar\"/></m:ParentFolderIds></m:FindItem>";

        assertThat(soap(view.formatted("2026-12-03T00:00:00Z", "2028-12-04T00:00:00Z")))
                .contains("ErrorCalendarViewRangeTooBig");
        String allowed = soap(view.formatted("2026-12-03T00:00:00Z", "2028-12-03T00:00:00Z"));
        assertThat(allowed).contains("TotalItemsInView=\"10\"")
                .doesNotContain("RecurringMaster");
    }

    @Test
    void seriesEditsArePushedAsChangesOfTheMasterOnly() throws Exception {
        ItemView master = weeklyOfTen();
        try (ExchangeService service = service()) {
            service.subscribeToPushNotifications(List.of(new FolderId(WellKnownFolderName.Calendar, new Mailbox(room))),
                    receiver.url("/p"), 5, null, EventType.Created, EventType.Modified, EventType.Deleted);
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/p").size() >= 1);
            sim.bookings().cancelOccurrence(occurrences().get(1).ewsId());
            sim.bookings().updateOccurrence(occurrences().get(3).ewsId(), BookingSpec.random());
            sim.bookings().updateRecurrence(master.ewsId(), master.recurrence().endingOn(LocalDate.parse("2027-01-11")));
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/p").stream()
                    .mapToLong(r -> Notifications.parse(r.body()).events().size()).sum() >= 7); // status + 3 x (master, folder)
        }
        List<Notifications.Event> itemEvents = receiver.received("/p").stream()
                .flatMap(r -> Notifications.parse(r.body()).events().stream()).filter(e -> e.itemId() != null).toList();
        assertThat(itemEvents).hasSize(3).allSatisfy(e -> {
            assertThat(e.type()).isEqualTo("ModifiedEvent");
            assertThat(e.itemId()).isEqualTo(master.ewsId());
        });
    }

    @Test
    void anErrorPushWithAndWithoutNotificationSkipsTheLostEvents() throws Exception {
        try (ExchangeService service = service()) {
            PushSubscription subscription = service.subscribeToPushNotifications(
                    List.of(new FolderId(WellKnownFolderName.Calendar, new Mailbox(room))), receiver.url("/e"), 5, null,
                    EventType.Created, EventType.Modified, EventType.Deleted);
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/e").size() >= 1);
            sim.awaitIdle(Duration.ofSeconds(10));
            receiver.answer(r -> PushReceiver.Answer.status(500)); // the lost events pile up unanswered
            sim.bookings().create(room, BookingSpec.random());
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/e").size() >= 2);
            sim.awaitIdle(Duration.ofSeconds(10));
            receiver.answer(r -> PushReceiver.Answer.ok());

            assertThat(sim.ews().pushError(room, "ErrorMissedNotificationEvents", true)).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/e").size() >= 3);
            String withNotification = receiver.received("/e").get(2).body();
            assertThat(withNotification).contains("ResponseClass=\"Error\"")
                    .contains("<m:ResponseCode>ErrorMissedNotificationEvents</m:ResponseCode>")
                    .contains(subscription.getId()).contains("<t:StatusEvent>").doesNotContain("CreatedEvent");

            sim.ews().pushError(room, "ErrorMissedNotificationEvents", false);
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/e").size() >= 4);
            assertThat(receiver.received("/e").get(3).body()).contains("ResponseClass=\"Error\"")
                    .doesNotContain("<m:Notification>");
            sim.awaitIdle(Duration.ofSeconds(10));
            sim.bookings().create(room, BookingSpec.random());
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/e").size() >= 5);
            Notifications next = Notifications.parse(receiver.received("/e").get(4).body());
            assertThat(next.types()).contains("CreatedEvent");
            // delivery resumed after the lost events: the chain continues from the error's resume watermark
            assertThat(next.previousWatermark()).isEqualTo(Notifications.parse(withNotification).lastWatermark());
            assertThat(sim.stats().count("ews.push.errors.ErrorMissedNotificationEvents")).isEqualTo(2);
        }
    }

    private ExchangeService service() throws Exception {
        ExchangeService service = new ExchangeService(ExchangeVersion.Exchange2010_SP2);
        service.setUrl(sim.ewsUrl());
        service.setImpersonatedUserId(new ImpersonatedUserId(ConnectingIdType.SmtpAddress, room));
        return service;
    }
}
