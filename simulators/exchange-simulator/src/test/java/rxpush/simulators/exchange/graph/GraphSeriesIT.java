package rxpush.simulators.exchange.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
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

/** Graph and recurring series: the master, its instances, and mailbox-level 404s that are no item's absence. */
class GraphSeriesIT {

    private static final Instant FIRST = Instant.parse("2026-12-07T08:00:00Z");
    private static ExchangeSimulator sim;
    private static GraphClient graph;

    @BeforeAll
    static void start() {
        sim = ExchangeSimulator.start(ExchangeSimulatorOptions.defaults().mailboxes(3).quietChanges()
                .clockStart(Instant.parse("2026-12-04T12:00:00Z")));
        graph = new GraphClient(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static ItemView weeklyOfTen(String room) {
        return sim.bookings().createSeries(room, BookingSpec.of("Weekly", FIRST, FIRST.plusSeconds(3600)),
                new Recurrence(Recurrence.Pattern.WEEKLY, 1, 10));
    }

    @Test
    void theMasterCarriesItsRecurrenceAndInstancesListOccurrencesAndExceptionsInTheWindow() throws Exception {
        String room = sim.mailboxes().get(0);
        ItemView master = weeklyOfTen(room);
        List<ItemView> occurrences = sim.truth().mailbox(room).occurrences();
        sim.bookings().cancelOccurrence(occurrences.get(1).ewsId());
        sim.bookings().updateOccurrence(occurrences.get(2).ewsId(), BookingSpec.random());

        JsonNode event = graph.get("/users/" + room + "/events/" + master.restId()).json();
        assertThat(event.path("type").asString()).isEqualTo("seriesMaster");
        assertThat(event.path("recurrence").path("pattern").path("type").asString()).isEqualTo("weekly");
        assertThat(event.path("recurrence").path("pattern").path("daysOfWeek").get(0).asString()).isEqualTo("monday");
        assertThat(event.path("recurrence").path("range").path("numberOfOccurrences").asInt()).isEqualTo(10);

        GraphClient.Answer instances = graph.get("/users/" + room + "/events/" + master.restId()
                + "/instances?startDateTime=2026-12-01T00:00:00Z&endDateTime=2027-01-01T00:00:00Z&$top=50");
        assertThat(instances.status()).isEqualTo(200);
        List<String> types = instances.json().path("value").valueStream().map(e -> e.path("type").asString()).toList();
        assertThat(types).containsExactly("occurrence", "exception", "occurrence"); // 7 Dec, (14 cancelled), 21, 28
        assertThat(instances.json().path("value").get(0).path("seriesMasterId").asString()).isEqualTo(master.restId());

        assertThat(graph.get("/users/" + room + "/events/" + master.restId() + "/instances").status()).isEqualTo(400);
        assertThat(graph.get("/users/" + room + "/events/" + occurrences.get(1).restId()).json()
                .path("error").path("code").asString()).isEqualTo("ErrorItemNotFound");
    }

    @Test
    void aMailboxLevelErrorIsNeverAnItemNotFound() throws Exception {
        String room = sim.mailboxes().get(1);
        ItemView booking = sim.bookings().create(room, BookingSpec.random());
        String path = "/users/" + room + "/events/" + booking.restId();
        assertThat(graph.get(path).status()).isEqualTo(200);

        for (String code : List.of("MailboxNotEnabledForRESTAPI", "ErrorInvalidUser")) {
            sim.faults().failMailbox(room, code);
            GraphClient.Answer failing = graph.get(path);
            assertThat(failing.status()).isEqualTo(404);
            assertThat(failing.json().path("error").path("code").asString()).isEqualTo(code);
            assertThat(graph.get("/users/" + room + "/calendarView?startDateTime=2026-12-01T00:00:00Z"
                    + "&endDateTime=2027-01-01T00:00:00Z").json().path("error").path("code").asString()).isEqualTo(code);
        }
        String other = sim.mailboxes().get(2);
        assertThat(graph.get("/users/" + other + "/calendarView?startDateTime=2026-12-01T00:00:00Z"
                + "&endDateTime=2027-01-01T00:00:00Z").status()).isEqualTo(200);
        sim.faults().clearMailbox(room);
        assertThat(graph.get(path).status()).isEqualTo(200);
    }
}
