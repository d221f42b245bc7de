package rxpush.simulators.resourcexpress.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rxpush.simulators.resourcexpress.Bookings;
import rxpush.simulators.resourcexpress.ResourceXpressSimulator;
import rxpush.simulators.resourcexpress.RxClient;
import rxpush.simulators.resourcexpress.bookings.SimJson;
import rxpush.simulators.resourcexpress.requests.RequestRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The RX push API over real HTTP: auth, idempotency, ordering, deletes, validation. */
class PushApiIT {

    static ResourceXpressSimulator rx;
    static RxClient client;

    @BeforeAll
    static void start() {
        rx = ResourceXpressSimulator.start();
        client = new RxClient(rx);
    }

    @AfterAll
    static void stop() {
        rx.close();
    }

    @BeforeEach
    void clean() {
        rx.reset();
    }

    @Test
    void aNewBookingIsCreatedAndReadBack() {
        HttpResponse<String> put = client.put("bk-1", "k1", Bookings.json("bk-1", "ck1", "2026-11-25T08:59:12Z"));

        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(put.headers().firstValue("Location")).hasValue("/api/push/v1/bookings/bk-1");
        assertThat(json(put).at("/stored/changeKey").asString()).isEqualTo("ck1");
        HttpResponse<String> get = client.get("bk-1");
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(json(get)).isEqualTo(Bookings.tree("bk-1", "ck1", "2026-11-25T08:59:12Z"));
        assertThat(client.get("bk-none").statusCode()).isEqualTo(404);
    }

    @Test
    void theSameKeyWithTheSameBodyGetsTheSameAnswerAndIsAppliedOnce() {
        // Key order and whitespace differ: the same content is the same request.
        String body = Bookings.json("bk-2", "ck1", "2026-11-25T08:59:12Z");
        ObjectNode reordered = SimJson.mapper().createObjectNode();
        List<String> names = new ArrayList<>(Bookings.tree("bk-2", "ck1", "2026-11-25T08:59:12Z").propertyNames());
        names.reversed().forEach(n -> reordered.set(n, Bookings.tree("bk-2", "ck1", "2026-11-25T08:59:12Z").get(n)));

        HttpResponse<String> first = client.put("bk-2", "k2", body);
        HttpResponse<String> second = client.put("bk-2", "k2", reordered.toPrettyString());

        assertThat(second.statusCode()).isEqualTo(first.statusCode()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(rx.requests("bk-2")).extracting(RequestRecord::applied).containsExactly(true, false);
        assertThat(rx.requests("bk-2")).extracting(RequestRecord::replayed).containsExactly(false, true);
        assertThat(rx.applications().values()).containsExactly(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIs422() {
        client.put("bk-3", "k3", Bookings.json("bk-3", "ck1", "2026-11-25T08:59:12Z"));

        HttpResponse<String> reused = client.put("bk-3", "k3", Bookings.json("bk-3", "ck2", "2026-11-25T09:30:00Z"));

        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(json(reused).get("error").asString()).isEqualTo("idempotency_key_reused");
        assertThat(rx.booking("bk-3").orElseThrow().booking().changeKey()).isEqualTo("ck1");
    }

    @Test
    void concurrentDuplicatesAreAppliedOnceAndAllGetTheSameAnswer() throws Exception {
        String body = Bookings.json("bk-4", "ck1", "2026-11-25T08:59:12Z");
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            calls.add(() -> client.put("bk-4", "k4", body));
        }
        List<HttpResponse<String>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (Future<HttpResponse<String>> f : pool.invokeAll(calls)) {
                answers.add(f.get());
            }
        }

        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(201);
        assertThat(answers).extracting(HttpResponse::body).containsOnly(answers.getFirst().body());
        assertThat(rx.requests("bk-4")).filteredOn(RequestRecord::applied).hasSize(1);
        assertThat(rx.applications().values()).containsExactly(1);
    }

    @Test
    void anOlderVersionIs409NamingTheStoredVersion() {
        client.put("bk-5", "k5a", Bookings.json("bk-5", "ck-new", "2026-11-25T10:00:00Z"));

        HttpResponse<String> older = client.put("bk-5", "k5b", Bookings.json("bk-5", "ck-old", "2026-11-25T09:00:00Z"));

        assertThat(older.statusCode()).isEqualTo(409);
        JsonNode body = json(older);
        assertThat(body.get("error").asString()).isEqualTo("stale");
        assertThat(body.at("/stored/bookingId").asString()).isEqualTo("bk-5");
        assertThat(body.at("/stored/changeKey").asString()).isEqualTo("ck-new");
        assertThat(body.at("/stored/lastModified").asString()).isEqualTo("2026-11-25T10:00:00Z");
        assertThat(rx.booking("bk-5").orElseThrow().booking().changeKey()).isEqualTo("ck-new");
    }

    @Test
    void aNewerVersionAndAnEquallyStampedOneAreApplied() {
        client.put("bk-6", "k6a", Bookings.json("bk-6", "ck1", "2026-11-25T09:00:00Z"));

        assertThat(client.put("bk-6", "k6b", Bookings.json("bk-6", "ck2", "2026-11-25T09:05:00Z")).statusCode())
                .isEqualTo(200);
        assertThat(client.put("bk-6", "k6c", Bookings.json("bk-6", "ck3", "2026-11-25T09:05:00Z")).statusCode())
                .isEqualTo(200);
        assertThat(rx.booking("bk-6").orElseThrow().booking().changeKey()).isEqualTo("ck3");
    }

    @Test
    void deletingTwiceIs204BothTimes() {
        client.put("bk-7", "k7", Bookings.json("bk-7", "ck1", "2026-11-25T09:00:00Z"));

        HttpResponse<String> first = client.delete("bk-7", "d7");
        HttpResponse<String> second = client.delete("bk-7", "d7-again");
        HttpResponse<String> replay = client.delete("bk-7", "d7");

        assertThat(List.of(first, second, replay)).extracting(HttpResponse::statusCode).containsOnly(204);
        assertThat(rx.requests("bk-7")).extracting(RequestRecord::outcome)
                .containsExactly("created", "deleted", "absent", "replayed");
        assertThat(client.get("bk-7").statusCode()).isEqualTo(404);
        assertThat(client.put("bk-7", "d7", Bookings.json("bk-7", "ck1", "2026-11-25T09:00:00Z")).statusCode())
                .as("a DELETE's key used for a PUT").isEqualTo(422);
    }

    @Test
    void aMissingOrWrongApiKeyIs401AndAppliesNothing() {
        String body = Bookings.json("bk-8", "ck1", "2026-11-25T09:00:00Z");
        HttpResponse<String> wrong = client.send(client.api("/bookings/bk-8").setHeader("X-Api-Key", "nope")
                .header("Idempotency-Key", "k8").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
        HttpResponse<String> missing = client.send(HttpRequest.newBuilder(java.net.URI.create(rx.apiUrl() + "/health")));

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).get("error").asString()).isEqualTo("unauthorized");
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(rx.bookings()).isEmpty();
        assertThat(client.health().statusCode()).isEqualTo(200);
        assertThat(client.put("bk-8", "k8", body).statusCode()).as("the key was not used up").isEqualTo(201);
    }

    @Test
    void invalidRequestsGetClearErrors() {
        String good = Bookings.json("bk-9", "ck1", "2026-11-25T09:00:00Z");
        ObjectNode broken = Bookings.tree("bk-9", "ck1", "2026-11-25T09:00:00+01:00");
        broken.put("sensitivity", "SECRET");
        broken.remove("itemId");

        HttpResponse<String> invalid = client.put("bk-9", "k9a", broken.toString());
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(json(invalid).get("violations").findValuesAsString("field"))
                .containsExactlyInAnyOrder("lastModified", "sensitivity", "itemId");
        assertThat(client.put("bk-9", "k9b", "{not json").statusCode()).isEqualTo(400);
        assertThat(client.put("bk-other", "k9c", good).statusCode()).as("path and body ids differ").isEqualTo(422);
        assertThat(client.put("bk-9!", "k9d", good).statusCode()).as("not URL-safe").isEqualTo(400);
        assertThat(client.put("b".repeat(129), "k9e", good).statusCode()).as("too long").isEqualTo(400);
        HttpResponse<String> noKey = client.send(client.api("/bookings/bk-9").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(good)));
        assertThat(json(noKey).get("error").asString()).isEqualTo("missing_idempotency_key");
        HttpResponse<String> text = client.send(client.api("/bookings/bk-9").header("Idempotency-Key", "k9f")
                .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofString(good)));
        assertThat(text.statusCode()).isEqualTo(415);
        HttpResponse<String> badDelete = client.send(client.api("/bookings/bk-9").header("Idempotency-Key", "k9g")
                .header("X-Deleted-At", "yesterday").DELETE());
        assertThat(json(badDelete).get("error").asString()).isEqualTo("invalid_deleted_at");
        assertThat(rx.bookings()).isEmpty();
        assertThat(rx.requests()).extracting(RequestRecord::applied).containsOnly(false);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return SimJson.mapper().readTree(response.body());
    }
}
