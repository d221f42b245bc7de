package rxpush.simulators.exchange.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rxpush.simulators.exchange.ExchangeSimulator;
import rxpush.simulators.exchange.ExchangeSimulatorOptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The /sim control API for series, mailbox-level faults, pre-existing bookings and the truth's horizon. */
class ControlSeriesIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ROOM = "room.101@contoso.com";
    private static ExchangeSimulator sim;

    @BeforeAll
    static void start() {
        sim = ExchangeSimulator.start(ExchangeSimulatorOptions.defaults()
                .mailboxAddresses(java.util.List.of(ROOM, "room.102@contoso.com"))
                .clockStart(Instant.parse("2026-12-04T12:00:00Z")).property("workload.initial-bookings", "3"));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode truth(String query) throws Exception {
        return JSON.readTree(call("GET", "/sim/truth?mailbox=" + ROOM + query, null).body());
    }

    @Test
    void preExistingBookingsIncludeASeriesAndAreInTheTruth() throws Exception {
        JsonNode room = JSON.readTree(call("GET", "/sim/truth", null).body()).path("mailboxes").get(1);
        assertThat(room.path("items").size()).isEqualTo(3);
        assertThat(room.path("items").valueStream().filter(i -> i.path("type").asString().equals("SERIES_MASTER")))
                .singleElement().satisfies(m -> assertThat(m.path("graphRecurrence").path("pattern").isObject()).isTrue());
        assertThat(room.path("occurrences").size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void seriesAreCreatedAndEditedThroughTheControlApi() throws Exception {
        HttpResponse<String> created = call("POST", "/sim/series", """
                {"mailbox":"room.101@contoso.com","subject":"Daily","start":"2026-12-07T08:00:00Z",
                 "end":"2026-12-07T08:30:00Z","pattern":"DAILY","range":"NO_END"}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String masterId = JSON.readTree(created.body()).path("ewsId").asString();
        long listed = truth("&horizon=P10D").path("occurrences").valueStream()
                .filter(o -> masterId.equals(o.path("seriesMasterEwsId").asString())).count();
        assertThat(listed).isEqualTo(8);

        HttpResponse<String> shortened = call("POST", "/sim/series/" + masterId + "/recurrence",
                "{\"pattern\":\"DAILY\",\"range\":\"END_DATE\",\"endDate\":\"2026-12-09\"}");
        assertThat(shortened.statusCode()).as(shortened.body()).isEqualTo(200);
        JsonNode occurrences = truth("").path("occurrences");
        java.util.List<JsonNode> mine = occurrences.valueStream()
                .filter(o -> masterId.equals(o.path("seriesMasterEwsId").asString())).toList();
        assertThat(mine).hasSize(3);

        assertThat(call("POST", "/sim/series/occurrences/" + mine.get(1).path("ewsId").asString() + "/cancel", null)
                .statusCode()).isEqualTo(204);
        HttpResponse<String> moved = call("POST", "/sim/series/occurrences/" + mine.get(2).path("ewsId").asString()
                + "/update", "{\"start\":\"2026-12-09T10:00:00Z\",\"end\":\"2026-12-09T10:30:00Z\"}");
        assertThat(JSON.readTree(moved.body()).path("type").asString()).isEqualTo("EXCEPTION");
        assertThat(call("POST", "/sim/series/occurrences/" + mine.get(1).path("ewsId").asString() + "/cancel", null)
                .statusCode()).isEqualTo(404);
        assertThat(call("POST", "/sim/series", "{\"mailbox\":\"" + ROOM + "\",\"pattern\":\"HOURLY\"}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void mailboxFaultsAndErrorPushesAreSwitchedOverRest() throws Exception {
        assertThat(call("PUT", "/sim/faults/mailboxes/" + ROOM, "{\"graph\":\"MailboxNotEnabledForRESTAPI\"}")
                .statusCode()).isEqualTo(200);
        assertThat(sim.faults().mailboxError(ROOM)).isEqualTo("MailboxNotEnabledForRESTAPI");
        assertThat(call("PUT", "/sim/faults/mailboxes/" + ROOM, "{\"graph\":\"ErrorItemNotFound\"}").statusCode())
                .isEqualTo(400);
        assertThat(call("PUT", "/sim/faults/mailboxes/nobody@contoso.com", "{\"graph\":\"ErrorInvalidUser\"}")
                .statusCode()).isEqualTo(404);
        assertThat(call("DELETE", "/sim/faults/mailboxes/" + ROOM, null).statusCode()).isEqualTo(204);
        assertThat(sim.faults().mailboxError(ROOM)).isNull();

        HttpResponse<String> none = call("POST", "/sim/subscriptions/ews/error?notification=false", null);
        assertThat(JSON.readTree(none.body()).path("ErrorMissedNotificationEvents").asInt()).isZero();
        assertThat(call("POST", "/sim/subscriptions/ews/error?code=ErrorBogus", null).statusCode()).isEqualTo(400);
    }
}
