package rxpush.simulators.exchange.ews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.enumeration.misc.ConnectingIdType;
import microsoft.exchange.webservices.data.core.enumeration.misc.ExchangeVersion;
import microsoft.exchange.webservices.data.core.enumeration.misc.error.ServiceError;
import microsoft.exchange.webservices.data.core.enumeration.notification.EventType;
import microsoft.exchange.webservices.data.core.enumeration.property.WellKnownFolderName;
import microsoft.exchange.webservices.data.core.exception.service.remote.ServiceResponseException;
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
import rxpush.simulators.exchange.control.Faults;

/** EWS push delivery on a manual clock: status events, watermark chains, retries, death, resumption. */
class EwsPushIT {

    private ExchangeSimulator sim;
    private PushReceiver receiver;
    private ExchangeService service;
    private String room;

    @BeforeEach
    void start() throws Exception {
        sim = ExchangeSimulator.start(ExchangeSimulatorOptions.defaults().mailboxes(2)
                .clockStart(Instant.parse("2026-11-02T07:00:00Z")));
        receiver = new PushReceiver();
        room = sim.mailboxes().get(0);
        service = new ExchangeService(ExchangeVersion.Exchange2010_SP2);
        service.setUrl(sim.ewsUrl());
        service.setImpersonatedUserId(new ImpersonatedUserId(ConnectingIdType.SmtpAddress, room));
    }

    @AfterEach
    void stop() {
        service.close();
        receiver.close();
        sim.close();
    }

    private PushSubscription subscribe(String path, int statusMinutes, String watermark) throws Exception {
        return service.subscribeToPushNotifications(List.of(new FolderId(WellKnownFolderName.Calendar, new Mailbox(room))),
                receiver.url(path), statusMinutes, watermark,
                EventType.Created, EventType.Modified, EventType.Deleted, EventType.Moved);
    }

    private List<Notifications> pushes(String path) {
        return receiver.received(path).stream().map(r -> Notifications.parse(r.body())).toList();
    }

    private void awaitPushes(String path, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received(path).size() >= count);
        sim.awaitIdle(Duration.ofSeconds(10));
        assertThat(receiver.received(path)).hasSize(count);
    }

    @Test
    void everyChangeArrivesAs2To4EventsOnAnUnbrokenWatermarkChain() throws Exception {
        PushSubscription subscription = subscribe("/p", 5, null);
        awaitPushes("/p", 1);
        ItemView booking = sim.bookings().create(room, BookingSpec.random());
        awaitPushes("/p", 2);
        sim.bookings().update(booking.ewsId(), BookingSpec.random());
        awaitPushes("/p", 3);
        ItemView moved = sim.bookings().move(booking.ewsId(), sim.mailboxes().get(1));
        awaitPushes("/p", 4);
        ItemView other = sim.bookings().create(room, BookingSpec.random());
        sim.bookings().cancel(other.ewsId());
        await().atMost(Duration.ofSeconds(10)).until(() -> pushes("/p").stream()
                .mapToInt(n -> n.events().size()).sum() >= 2 + 2 + 3 + 2 + 3);

        List<Notifications> pushes = pushes("/p");
        assertThat(pushes.getFirst().types()).containsExactly("StatusEvent");
        assertThat(pushes).allSatisfy(n -> assertThat(n.subscriptionId()).isEqualTo(subscription.getId()));
        for (int i = 1; i < pushes.size(); i++) {
            assertThat(pushes.get(i).previousWatermark()).as("push %d continues the chain", i)
                    .isEqualTo(pushes.get(i - 1).lastWatermark());
        }
        for (int i = 1; i <= 3; i++) {
            assertThat(pushes.get(i).events()).as("push %d", i).hasSizeBetween(2, 4);
        }
        assertThat(pushes.get(1).types()).contains("CreatedEvent");
        assertThat(pushes.get(3).types()).containsAnyOf("DeletedEvent", "MovedEvent");
        assertThat(pushes.get(1).events()).anySatisfy(e -> assertThat(e.itemId()).isEqualTo(booking.ewsId()));
        assertThat(moved.iCalUid()).isEqualTo(booking.iCalUid());
    }

    /**
     * A client may move the manual clock the moment Subscribe answered: the first StatusEvent must be in
     * by the time that advance returns, stamped at the subscription's creation. (It used to be scheduled
     * only after the answer was flushed, so under CPU load the clock could run minutes ahead of it.)
     */
    @Test
    void theFirstStatusEventIsDeliveredBeforeTheNextAdvanceReturns() throws Exception {
        // Several rounds: the lost race needs the request thread to be descheduled right after answering.
        for (int round = 0; round < 15; round++) {
            String path = "/first-" + round;
            PushSubscription subscription = subscribe(path, 5, null);
            sim.advance(Duration.ofMinutes(1));

            assertThat(receiver.received(path)).as("round %d", round).hasSize(1);
            assertThat(sim.ews().subscriptions()).filteredOn(s -> s.id().equals(subscription.getId()))
                    .singleElement().satisfies(s -> assertThat(s.lastSuccess()).isEqualTo(s.created()));
        }
    }

    @Test
    void statusEventsComeEveryStatusFrequencyWhenIdle() throws Exception {
        subscribe("/s", 5, null);
        awaitPushes("/s", 1);
        sim.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(receiver.received("/s")).hasSize(1);
        sim.advance(Duration.ofSeconds(1));
        assertThat(receiver.received("/s")).hasSize(2);
        assertThat(pushes("/s").get(1).types()).containsExactly("StatusEvent");

        sim.advance(Duration.ofMinutes(2));
        sim.bookings().create(room, BookingSpec.random());
        awaitPushes("/s", 3);
        sim.advance(Duration.ofMinutes(4));
        assertThat(receiver.received("/s")).as("the event push restarted the idle timer").hasSize(3);
        sim.advance(Duration.ofMinutes(1));
        assertThat(receiver.received("/s")).hasSize(4);
    }

    @Test
    void failedPushesAreRetriedAt30sThenDoublingUntilStatusFrequencyThenTheSubscriptionIsDead() throws Exception {
        receiver.answer(r -> PushReceiver.Answer.status(500));
        subscribe("/f", 5, null);
        awaitPushes("/f", 1);
        sim.advance(Duration.ofSeconds(29));
        assertThat(receiver.received("/f")).hasSize(1);
        sim.advance(Duration.ofSeconds(1));
        assertThat(receiver.received("/f")).hasSize(2);
        sim.advance(Duration.ofSeconds(60));
        assertThat(receiver.received("/f")).hasSize(3);
        sim.advance(Duration.ofSeconds(120));
        assertThat(receiver.received("/f")).hasSize(4);
        sim.advance(Duration.ofMinutes(30));
        sim.bookings().create(room, BookingSpec.random());
        sim.awaitIdle(Duration.ofSeconds(5));
        assertThat(receiver.received("/f")).hasSize(4);
        assertThat(sim.ews().subscriptions()).singleElement().satisfies(s -> assertThat(s.state()).isEqualTo("DEAD"));
        assertThat(pushes("/f")).allSatisfy(n -> assertThat(n.types()).containsExactly("StatusEvent"));
    }

    @Test
    void aRecoveredListenerGetsWhatPiledUpInOnePushAndUnsubscribeEndsIt() throws Exception {
        subscribe("/r", 5, null);
        awaitPushes("/r", 1);
        receiver.answer(r -> PushReceiver.Answer.status(503));
        sim.bookings().create(room, BookingSpec.random());
        awaitPushes("/r", 2);
        sim.bookings().create(room, BookingSpec.random());
        receiver.answer(r -> PushReceiver.Answer.ok());
        sim.advance(Duration.ofSeconds(30));
        assertThat(receiver.received("/r")).hasSize(3);
        Notifications retried = pushes("/r").get(2);
        assertThat(retried.previousWatermark()).isEqualTo(pushes("/r").get(0).lastWatermark());
        assertThat(retried.types().stream().filter("CreatedEvent"::equals).count()).isEqualTo(2);

        receiver.answer(r -> PushReceiver.Answer.unsubscribe());
        sim.advance(Duration.ofMinutes(5));
        assertThat(receiver.received("/r")).hasSize(4);
        sim.bookings().create(room, BookingSpec.random());
        sim.advance(Duration.ofMinutes(10));
        assertThat(receiver.received("/r")).hasSize(4);
        assertThat(sim.ews().subscriptions().getFirst().state()).isEqualTo("UNSUBSCRIBED");
    }

    @Test
    void afterSilentDeathASubscribeWithTheLastWatermarkReplaysTheMissedEvents() throws Exception {
        subscribe("/d", 5, null);
        awaitPushes("/d", 1);
        String watermark = pushes("/d").getFirst().lastWatermark();
        assertThat(sim.ews().killSilently(room)).isEqualTo(1);
        ItemView missed = sim.bookings().create(room, BookingSpec.random());
        sim.advance(Duration.ofMinutes(20));
        assertThat(receiver.received("/d")).hasSize(1);

        subscribe("/d2", 5, watermark);
        awaitPushes("/d2", 1);
        Notifications replay = pushes("/d2").getFirst();
        assertThat(replay.previousWatermark()).isEqualTo(watermark);
        assertThat(replay.events()).anySatisfy(e -> assertThat(e.itemId()).isEqualTo(missed.ewsId()));
    }

    @Test
    void watermarksOlderThan30DaysAreInvalid() throws Exception {
        PushSubscription subscription = subscribe("/o", 60, null);
        awaitPushes("/o", 1);
        String watermark = subscription.getWaterMark();
        sim.advance(Duration.ofDays(29));
        subscribe("/o2", 60, watermark);
        sim.advance(Duration.ofDays(2));
        assertThatThrownBy(() -> subscribe("/o3", 60, watermark))
                .isInstanceOf(ServiceResponseException.class)
                .satisfies(e -> assertThat(((ServiceResponseException) e).getErrorCode())
                        .isEqualTo(ServiceError.ErrorInvalidWatermark));
    }

    @Test
    void droppedPushesLeaveAGapInTheWatermarkChain() throws Exception {
        subscribe("/g", 5, null);
        awaitPushes("/g", 1);
        sim.faults().update(new Faults.State(null, null, null, null, 1.0, null));
        sim.bookings().create(room, BookingSpec.random());
        sim.awaitIdle(Duration.ofSeconds(5));
        sim.faults().update(new Faults.State(null, null, null, null, 0.0, null));
        sim.bookings().create(room, BookingSpec.random());
        awaitPushes("/g", 2);
        assertThat(pushes("/g").get(1).previousWatermark()).isNotEqualTo(pushes("/g").get(0).lastWatermark());
        assertThat(sim.stats().count("ews.push.dropped")).isEqualTo(1);
    }
}
