package rxpush.simulators.resourcexpress.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rxpush.common.contract.BookingIds;
import rxpush.simulators.resourcexpress.Bookings;
import rxpush.simulators.resourcexpress.ResourceXpressSimulator;
import rxpush.simulators.resourcexpress.RxClient;
import rxpush.simulators.resourcexpress.bookings.SimJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A series over HTTP: the master PUT with its recurrence, occurrences tied to it, and verify in series
 * mode against a truth in the exchange simulator's shape (at, type, start, seriesMasterEwsId,
 * graphRecurrence).
 */
class SeriesVerifyIT {

    static final String ROOM = "room.101@contoso.com";
    static final String RECURRENCE = """
            {"pattern":{"type":"weekly","interval":1,"month":0,"dayOfMonth":0,"daysOfWeek":["monday"],
             "firstDayOfWeek":"monday","index":"first"},"range":{"type":"numbered","startDate":"2026-12-07",
             "endDate":"0001-01-01","recurrenceTimeZone":"W. Europe Standard Time","numberOfOccurrences":3}}""";
    static final String TRUTH = """
            {"at":"2026-12-04T12:00:00Z","lastSequence":3,"mailboxes":[{"address":"room.101@contoso.com",
              "items":[{"ewsId":"M","changeKey":"ck","lastModified":"2026-12-01T08:00:00Z","itemClass":"IPM.Appointment",
                "type":"SERIES_MASTER","start":"2026-12-07T08:00:00Z","end":"2026-12-07T09:00:00Z",
                "recurrence":{"pattern":"WEEKLY"},"graphRecurrence":%s}],
              "occurrences":[%s],"deleted":[]}]}""".formatted(RECURRENCE, occurrence(1, "07") + "," + occurrence(2, "14")
            + "," + occurrence(3, "21"));

    static ResourceXpressSimulator rx;
    static RxClient client;

    static String occurrence(int index, String day) {
        return ("{\"ewsId\":\"M-%d\",\"changeKey\":\"ck\",\"lastModified\":\"2026-12-01T08:00:00Z\",\"type\":\"OCCURRENCE\","
                + "\"seriesMasterEwsId\":\"M\",\"start\":\"2026-12-%sT08:00:00Z\",\"end\":\"2026-12-%sT09:00:00Z\"}")
                .formatted(index, day, day);
    }

    @BeforeAll
    static void start() {
        rx = ResourceXpressSimulator.start();
        client = new RxClient(rx);
        ObjectNode master = body("M", "SERIES_MASTER", null, "07");
        master.set("recurrence", SimJson.mapper().readTree(RECURRENCE));
        assertThat(client.put(id("M"), "k-m", SimJson.write(master)).statusCode()).isEqualTo(201);
        for (String[] o : new String[][] {{"M-1", "07"}, {"M-2", "14"}}) {
            assertThat(client.put(id(o[0]), "k-" + o[0], SimJson.write(body(o[0], "OCCURRENCE", id("M"), o[1])))
                    .statusCode()).isEqualTo(201);
        }
    }

    @AfterAll
    static void stop() {
        rx.close();
    }

    static String id(String itemId) {
        return BookingIds.bookingId(ROOM, itemId);
    }

    static ObjectNode body(String itemId, String type, String masterId, String day) {
        ObjectNode tree = Bookings.tree(id(itemId), "ck", "2026-12-01T08:00:00Z");
        tree.put("mailbox", ROOM);
        tree.put("itemId", itemId);
        tree.put("occurrenceType", type);
        tree.put("seriesMasterId", masterId);
        tree.put("start", Instant.parse("2026-12-" + day + "T08:00:00Z").toString());
        tree.put("end", Instant.parse("2026-12-" + day + "T09:00:00Z").toString());
        return tree;
    }

    @Test
    void theMasterKeepsItsRecurrenceAndAnOccurrenceMayNotCarryOne() {
        JsonNode stored = SimJson.mapper().readTree(client.get(id("M")).body());
        assertThat(stored.path("recurrence").path("range").path("numberOfOccurrences").asInt()).isEqualTo(3);

        ObjectNode wrong = body("M-3", "OCCURRENCE", id("M"), "21");
        wrong.set("recurrence", SimJson.mapper().readTree(RECURRENCE));
        assertThat(client.put(id("M-3"), "k-wrong", SimJson.write(wrong)).statusCode()).isEqualTo(422);
    }

    @Test
    void aSeriesVerifyJudgesEachOccurrenceInTheWindow() {
        JsonNode report = SimJson.mapper().readTree(client.sim("POST", "/sim/verify?series=true", TRUTH).body());
        assertThat(report.path("ok").asBoolean()).isFalse();
        assertThat(report.path("missing").valueStream().map(f -> f.path("itemId").asString()).toList())
                .containsExactly("M-3");
        assertThat(report.path("stale").isEmpty()).isTrue();
        assertThat(report.path("doubleBooked").isEmpty()).isTrue();

        JsonNode narrow = SimJson.mapper().readTree(
                client.sim("POST", "/sim/verify?series=true&windowAhead=12d", TRUTH).body());
        assertThat(narrow.path("ok").asBoolean()).as(narrow.toString()).isTrue();

        JsonNode old = SimJson.mapper().readTree(client.sim("POST", "/sim/verify", TRUTH).body());
        assertThat(old.path("ok").asBoolean()).as("without series mode occurrences are optional").isTrue();
        assertThat(client.sim("POST", "/sim/verify?series=true&windowAhead=soon", TRUTH).statusCode()).isEqualTo(400);
    }
}
