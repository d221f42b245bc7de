package rxpush.simulators.exchange.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rxpush.simulators.exchange.ExchangeSimulator;
import rxpush.simulators.exchange.ExchangeSimulatorOptions;
import rxpush.simulators.exchange.calendar.BookingSpec;
import rxpush.simulators.exchange.calendar.ItemView;
import rxpush.simulators.exchange.calendar.Recurrence;
import tools.jackson.databind.JsonNode;

/** GET events (REST and immutable ids), calendarView paging and calendarView/delta rounds. */
class GraphEventsIT {

    private static final Instant START = Instant.parse("2026-11-02T07:00:00Z");
    private static ExchangeSimulator sim;
    private static GraphClient graph;

    @BeforeAll
    static void start() {
        sim = ExchangeSimulator.start(ExchangeSimulatorOptions.defaults().mailboxes(3).clockStart(START)
                .property("mailboxes.journal-retention", "2d"));
        graph = new GraphClient(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void getsAnEventByRestOrImmutableIdAndHonoursPrefer() throws Exception {
        String room = sim.mailboxes().get(0);
        ItemView booking = sim.bookings().create(room, BookingSpec.of("Board meeting",
                Instant.parse("2026-11-03T09:00:00Z"), Instant.parse("2026-11-03T10:00:00Z")));

        GraphClient.Answer rest = graph.get("/users/" + room + "/events/" + booking.restId());
        assertThat(rest.status()).isEqualTo(200);
        assertThat(rest.json().path("id").asString()).isEqualTo(booking.restId());
        assertThat(rest.json().path("subject").asString()).isEqualTo("Board meeting");
        assertThat(rest.json().path("start").path("dateTime").asString()).isEqualTo("2026-11-03T09:00:00.0000000");
        assertThat(rest.json().path("start").path("timeZone").asString()).isEqualTo("UTC");
        assertThat(rest.json().path("changeKey").asString()).isEqualTo(booking.changeKey());
        assertThat(rest.json().path("iCalUId").asString()).isEqualTo(booking.iCalUid());
        assertThat(rest.json().path("type").asString()).isEqualTo("singleInstance");

        GraphClient.Answer immutable = graph.get("/users/" + sim.graphUserId(room) + "/events/" + booking.restId(),
                "Prefer", "IdType=\"ImmutableId\", outlook.timezone=\"W. Europe Standard Time\"");
        assertThat(immutable.json().path("id").asString()).isEqualTo(booking.immutableId());
        assertThat(immutable.json().path("start").path("dateTime").asString()).isEqualTo("2026-11-03T10:00:00.0000000");
        assertThat(immutable.raw().headers().firstValue("Preference-Applied").orElse("")).contains("ImmutableId");

        sim.bookings().cancel(booking.ewsId());
        assertThat(graph.get("/users/" + room + "/events/" + booking.immutableId()).status()).isEqualTo(404);
        assertThat(graph.get("/users/" + room + "/events/not-an-id").status()).isEqualTo(400);
        assertThat(graph.get("/users/nobody@x.com/events/" + booking.restId()).status()).isEqualTo(404);
        GraphClient.Answer otherMailbox = graph.get("/users/" + sim.mailboxes().get(1) + "/events/" + booking.restId());
        assertThat(otherMailbox.status()).isEqualTo(404);
    }

    @Test
    void calendarViewExpandsSeriesAndPages() throws Exception {
        String room = sim.mailboxes().get(1);
        sim.bookings().createSeries(room, BookingSpec.of("Standup", Instant.parse("2026-11-04T08:00:00Z"),
                Instant.parse("2026-11-04T08:15:00Z")), new Recurrence(Recurrence.Pattern.DAILY, 1, 5));
        String path = "/users/" + room + "/calendarView?startDateTime=2026-11-01T00:00:00Z"
                + "&endDateTime=2026-12-31T00:00:00Z&$top=2&$select=subject,type,seriesMasterId";
        List<JsonNode> all = new ArrayList<>();
        GraphClient.Answer page = graph.get(path);
        all.addAll(page.json().path("value").valueStream().toList());
        while (page.json().has("@odata.nextLink")) {
            page = graph.get(page.json().path("@odata.nextLink").asString());
            all.addAll(page.json().path("value").valueStream().toList());
        }
        assertThat(all).hasSize(5).allSatisfy(e -> {
            assertThat(e.path("type").asString()).isEqualTo("occurrence");
            assertThat(e.path("seriesMasterId").asString()).isNotBlank();
            assertThat(e.has("attendees")).isFalse();
        });
        assertThat(graph.get("/users/" + room + "/calendarView").status()).isEqualTo(400);
    }

    @Test
    void deltaListsTheWindowThenOnlyChangesAndExpiresWithTheJournal() throws Exception {
        String room = sim.mailboxes().get(2);
        ItemView kept = sim.bookings().create(room, BookingSpec.of("Kept", Instant.parse("2026-11-05T09:00:00Z"),
                Instant.parse("2026-11-05T10:00:00Z")));
        ItemView changed = sim.bookings().create(room, BookingSpec.of("Changed", Instant.parse("2026-11-06T09:00:00Z"),
                Instant.parse("2026-11-06T10:00:00Z")));
        ItemView cancelled = sim.bookings().create(room, BookingSpec.of("Cancelled",
                Instant.parse("2026-11-07T09:00:00Z"), Instant.parse("2026-11-07T10:00:00Z")));
        String prefer = "odata.maxpagesize=2";
        List<JsonNode> first = new ArrayList<>();
        GraphClient.Answer page = graph.get("/users/" + room + "/calendarView/delta?startDateTime=2026-11-01T00:00:00Z"
                + "&endDateTime=2026-11-30T00:00:00Z", "Prefer", prefer);
        first.addAll(page.json().path("value").valueStream().toList());
        assertThat(page.json().has("@odata.nextLink")).isTrue();
        page = graph.get(page.json().path("@odata.nextLink").asString(), "Prefer", prefer);
        first.addAll(page.json().path("value").valueStream().toList());
        String deltaLink = page.json().path("@odata.deltaLink").asString();
        assertThat(first).extracting(e -> e.path("subject").asString()).containsExactly("Kept", "Changed", "Cancelled");

        sim.bookings().update(changed.ewsId(), BookingSpec.random().withSubject("Changed again"));
        sim.bookings().cancel(cancelled.ewsId());
        GraphClient.Answer second = graph.get(deltaLink, "Prefer", prefer);
        List<JsonNode> changes = second.json().path("value").valueStream().toList();
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0).path("subject").asString()).isEqualTo("Changed again");
        assertThat(changes.get(1).path("@removed").path("reason").asString()).isEqualTo("deleted");
        assertThat(changes.get(1).path("id").asString()).isEqualTo(cancelled.restId());
        assertThat(changes).noneMatch(e -> e.path("id").asString().equals(kept.restId()));

        String next = second.json().path("@odata.deltaLink").asString();
        assertThat(graph.get(next).json().path("value").size()).isZero();
        sim.bookings().update(kept.ewsId(), BookingSpec.random());
        sim.advance(Duration.ofDays(3));
        sim.bookings().update(kept.ewsId(), BookingSpec.random());
        GraphClient.Answer gone = graph.get(next);
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.json().path("error").path("code").asString()).isEqualTo("SyncStateNotFound");
    }
}
