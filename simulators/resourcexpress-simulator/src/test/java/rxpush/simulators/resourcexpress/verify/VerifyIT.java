package rxpush.simulators.resourcexpress.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rxpush.common.contract.BookingIds;
import rxpush.simulators.resourcexpress.Bookings;
import rxpush.simulators.resourcexpress.ResourceXpressSimulator;
import rxpush.simulators.resourcexpress.RxClient;
import rxpush.simulators.resourcexpress.bookings.SimJson;
import rxpush.testsupport.LoopbackHttp;
import tools.jackson.databind.JsonNode;

/**
 * verify over HTTP and the Java API, with the truth posted or fetched from a truth URL (a
 * loopback server standing in for the exchange-simulator's /sim/truth). RX gets one booking of
 * each kind: right, missing, stale, extra, and one version applied twice.
 */
class VerifyIT {

    static final String ROOM = "room.101@contoso.com";
    static final String TRUTH = """
            {"mailboxes":[{"mailbox":"room.101@contoso.com","items":[
              {"itemId":"ok","changeKey":"ck1","lastModified":"2026-11-25T09:00:00Z","cancelled":false,"sequence":1},
              {"itemId":"missing","changeKey":"ck1","lastModified":"2026-11-25T09:00:00Z","cancelled":false,"sequence":2},
              {"itemId":"stale","changeKey":"ck2","lastModified":"2026-11-25T10:00:00Z","cancelled":false,"sequence":4},
              {"itemId":"cancelled","changeKey":"ck2","lastModified":"2026-11-25T10:00:00Z","cancelled":true,"sequence":5}
            ]}]}""";

    static ResourceXpressSimulator rx;
    static RxClient client;
    static LoopbackHttp exchange;

    @BeforeAll
    static void start() {
        rx = ResourceXpressSimulator.start();
        client = new RxClient(rx);
        exchange = new LoopbackHttp(request -> request.path().equals("/sim/truth")
                ? LoopbackHttp.Answer.json(200, TRUTH) : LoopbackHttp.Answer.json(404, "{}"));
        put("ok", "ck1", "2026-11-25T09:00:00Z", "k-ok");
        put("ok", "ck1", "2026-11-25T09:00:00Z", "k-ok-again");
        put("stale", "ck1", "2026-11-25T09:00:00Z", "k-stale");
        put("cancelled", "ck1", "2026-11-25T09:00:00Z", "k-cancelled");
        put("unknown", "ck1", "2026-11-25T09:00:00Z", "k-unknown");
    }

    @AfterAll
    static void stop() {
        rx.close();
        exchange.close();
    }

    static void put(String itemId, String changeKey, String lastModified, String key) {
        String id = BookingIds.bookingId(ROOM, itemId);
        String body = SimJson.write(Bookings.update(ROOM, itemId, id, changeKey, Instant.parse(lastModified)));
        assertThat(client.put(id, key, body).statusCode()).isIn(200, 201);
    }

    @Test
    void aPostedTruthIsComparedAndEveryCategoryReported() {
        HttpResponse<String> answer = client.sim("POST", "/sim/verify", TRUTH);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertCategories(SimJson.mapper().readTree(answer.body()));
    }

    @Test
    void aTruthUrlIsFetched() {
        String url = exchange.url("/sim/truth");

        assertCategories(SimJson.mapper().readTree(
                client.sim("POST", "/sim/verify", "{\"truthUrl\":\"" + url + "\"}").body()));
        assertCategories(SimJson.mapper().readTree(client.sim("POST", "/sim/verify?truthUrl=" + url, null).body()));
        VerifyReport report = rx.verify(URI.create(url));
        assertThat(report.summary()).isEqualTo("NOT OK: truth 3, rx 4, missing 1, stale 1, extra 2, duplicate-applied 1");
    }

    @Test
    void anUnreachableOrUnreadableTruthIsAClearError() {
        HttpResponse<String> notFound = client.sim("POST", "/sim/verify",
                "{\"truthUrl\":\"" + exchange.url("/nope") + "\"}");
        HttpResponse<String> noTruth = client.sim("POST", "/sim/verify", null);
        HttpResponse<String> garbage = client.sim("POST", "/sim/verify", "[{\"items\":[]}]");

        assertThat(notFound.statusCode()).isEqualTo(502);
        assertThat(notFound.body()).contains("truth_unavailable").contains("404");
        assertThat(noTruth.statusCode()).isEqualTo(400);
        assertThat(noTruth.body()).contains("rxpush.rx-simulator.truth-url");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("no mailbox address");
    }

    private static void assertCategories(JsonNode report) {
        assertThat(report.get("ok").asBoolean()).isFalse();
        assertThat(report.get("missing").findValuesAsString("itemId")).containsExactly("missing");
        assertThat(report.get("stale").findValuesAsString("itemId")).containsExactly("stale");
        assertThat(report.get("extra").findValuesAsString("itemId")).containsExactlyInAnyOrder("cancelled", "unknown");
        assertThat(report.get("duplicateApplied").findValuesAsString("itemId")).containsExactly("ok");
        assertThat(report.at("/duplicateApplied/0/timesApplied").asInt()).isEqualTo(2);
        assertThat(report.at("/missing/0/truth/sequence").asInt()).isEqualTo(2);
    }
}
