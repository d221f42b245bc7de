package rxpush.simulators.exchange.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rxpush.simulators.exchange.ExchangeSimulator;
import rxpush.simulators.exchange.ExchangeSimulatorOptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The /sim control API over HTTP, as system tests, benchmarks and the demo use it. */
class ControlApiIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ExchangeSimulator sim;

    @BeforeAll
    static void start() {
        sim = ExchangeSimulator.start(ExchangeSimulatorOptions.defaults()
                .mailboxAddresses(java.util.List.of("room.101@contoso.com", "room.102@contoso.com"))
                .clockStart(Instant.parse("2026-11-02T07:00:00Z")).property("workload.initial-bookings", "2"));
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

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    @Test
    void truthListsEveryMailboxWithIdsVersionsAndTombstones() throws Exception {
        HttpResponse<String> created = call("POST", "/sim/bookings", """
                {"mailbox":"room.101@contoso.com","subject":"Planning","start":"2026-11-04T09:00:00Z",
                 "end":"2026-11-04T10:00:00Z"}""");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = json(created).path("ewsId").asString();
        assertThat(call("POST", "/sim/bookings/" + id + "/update", "{\"subject\":\"Planning 2\"}").statusCode())
                .isEqualTo(200);
        HttpResponse<String> moved = call("POST", "/sim/bookings/" + id + "/move?to=room.102@contoso.com", null);
        assertThat(moved.statusCode()).isEqualTo(200);

        JsonNode truth = json(call("GET", "/sim/truth", null));
        assertThat(truth.path("at").asString()).isEqualTo("2026-11-02T07:00:00Z");
        assertThat(truth.path("lastSequence").asLong()).isEqualTo(4 + 3);
        JsonNode room101 = truth.path("mailboxes").get(0);
        assertThat(room101.path("address").asString()).isEqualTo("room.101@contoso.com");
        assertThat(room101.path("objectId").asString()).isEqualTo(sim.graphUserId("room.101@contoso.com"));
        assertThat(room101.path("deleted").get(0).path("ewsId").asString()).isEqualTo(id);
        JsonNode item = room101.path("items").get(0);
        for (String field : new String[] {"ewsId", "immutableId", "changeKey", "iCalUid", "subject", "start", "end",
                "lastModified", "sequence", "type", "cancelled", "attendees", "organizer", "timeZone"}) {
            assertThat(item.has(field)).as(field).isTrue();
        }
        assertThat(item.path("lastModified").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        JsonNode one = json(call("GET", "/sim/truth?mailbox=room.102@contoso.com", null));
        assertThat(one.path("items").valueStream().map(i -> i.path("subject").asString())).contains("Planning 2");
        assertThat(call("GET", "/sim/truth?mailbox=nobody@contoso.com", null).statusCode()).isEqualTo(404);
        assertThat(call("POST", "/sim/bookings/garbage/cancel", null).statusCode()).isEqualTo(400);
    }

    @Test
    void faultsClockWorkloadAndStatsAreSwitchedOverHttp() throws Exception {
        JsonNode faults = json(call("PUT", "/sim/faults", "{\"ewsBusyRate\":0.25,\"ewsBackOff\":\"45s\"}"));
        assertThat(faults.path("ewsBusyRate").asDouble()).isEqualTo(0.25);
        assertThat(sim.faults().state().ewsBackOff()).isEqualTo(Duration.ofSeconds(45));
        assertThat(call("PATCH", "/sim/faults", "{\"ewsBusyRate\":2}").statusCode()).isEqualTo(400);
        assertThat(call("PATCH", "/sim/faults", "{\"ewsBusyRate\":0}").statusCode()).isEqualTo(200);

        Instant before = sim.now();
        JsonNode clock = json(call("POST", "/sim/clock/advance?by=PT90M", null));
        assertThat(Instant.parse(clock.path("now").asString())).isEqualTo(before.plus(Duration.ofMinutes(90)));
        assertThat(clock.path("mode").asString()).isEqualTo("MANUAL");

        long sequence = sim.store().lastSequence();
        assertThat(json(call("POST", "/sim/workload/step?changes=5", null)).path("lastSequence").asLong())
                .isEqualTo(sequence + 5);
        assertThat(json(call("POST", "/sim/workload/start?rate=2", null)).path("running").asBoolean()).isTrue();
        call("POST", "/sim/clock/advance?by=10s", null);
        assertThat(json(call("POST", "/sim/workload/stop", null)).path("lastSequence").asLong())
                .isEqualTo(sequence + 5 + 20);
        assertThat(call("POST", "/sim/workload/step?changes=0", null).statusCode()).isEqualTo(400);

        JsonNode stats = json(call("GET", "/sim/stats", null));
        assertThat(stats.path("workload.create").asLong() + stats.path("workload.update").asLong()).isPositive();
        assertThat(call("DELETE", "/sim/stats", null).statusCode()).isEqualTo(204);
        assertThat(sim.stats().snapshot()).isEmpty();

        JsonNode subscriptions = json(call("GET", "/sim/subscriptions", null));
        assertThat(subscriptions.has("ews")).isTrue();
        assertThat(subscriptions.has("graph")).isTrue();
        assertThat(json(call("POST", "/sim/subscriptions/kill?protocol=all", null)).path("ews").asInt()).isZero();
        assertThat(call("POST", "/sim/subscriptions/graph/lifecycle?event=bogus", null).statusCode()).isEqualTo(400);
        assertThat(json(call("GET", "/sim/mailboxes", null)).size()).isEqualTo(2);
    }

    @Test
    void invalidSettingsStopStartUpWithTheKeyNamed() {
        assertThatThrownBy(() -> ExchangeSimulator.start(ExchangeSimulatorOptions.defaults()
                .property("faults.drop-push-rate", "1.5")))
                .hasStackTraceContaining("rxpush.exchange-simulator.faults");
    }
}
