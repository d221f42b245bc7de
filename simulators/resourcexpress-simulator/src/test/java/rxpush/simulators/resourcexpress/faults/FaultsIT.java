package rxpush.simulators.resourcexpress.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rxpush.simulators.resourcexpress.Bookings;
import rxpush.simulators.resourcexpress.ResourceXpressSimulator;
import rxpush.simulators.resourcexpress.RxClient;
import rxpush.simulators.resourcexpress.SimulatorOptions;
import rxpush.simulators.resourcexpress.requests.RequestRecord;
import rxpush.testsupport.MutableClock;

/** Every fault switch over real HTTP, set through /sim/faults or the Java API. */
class FaultsIT {

    static final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    static ResourceXpressSimulator rx;
    static RxClient client;

    @BeforeAll
    static void start() {
        rx = ResourceXpressSimulator.start(SimulatorOptions.defaults().withSeed(7).withClock(clock));
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

    String body(String id) {
        return Bookings.json(id, "ck1", "2026-11-25T09:00:00Z");
    }

    @Test
    void serverErrorsAnswerTheConfiguredStatusAndApplyNothing() {
        HttpResponse<String> set = client.sim("PUT", "/sim/faults", "{\"serverErrorRate\":1.0,\"serverErrorStatus\":502}");
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(set.body()).contains("\"serverErrorStatus\":502").contains("\"seed\":7");

        assertThat(client.put("bk-1", "k1", body("bk-1")).statusCode()).isEqualTo(502);
        assertThat(rx.bookings()).isEmpty();
        client.sim("DELETE", "/sim/faults", null);
        assertThat(client.put("bk-1", "k1", body("bk-1")).statusCode()).as("the key was not used up").isEqualTo(201);
    }

    @Test
    void aLostResponseIsAppliedOnceAndTheRetryGetsTheRecordedAnswer() {
        rx.faults().lostResponses(1.0);
        assertThat(client.put("bk-2", "k2", body("bk-2")).statusCode()).isEqualTo(500);
        assertThat(rx.booking("bk-2")).as("applied though the client saw 500").isPresent();

        rx.faults().clear();
        HttpResponse<String> retry = client.put("bk-2", "k2", body("bk-2"));

        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(rx.applications().values()).containsExactly(1);
        assertThat(rx.requests("bk-2")).extracting(RequestRecord::outcome).containsExactly("lost_response", "replayed");
    }

    @Test
    void latencyDelaysEveryAnswer() {
        rx.faults().latency(Duration.ofMillis(300));
        long started = System.nanoTime();

        assertThat(client.health().statusCode()).isEqualTo(200);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aDownWindowAnswers503UntilItEnds() {
        HttpResponse<String> opened = client.sim("POST", "/sim/faults/down", "{\"duration\":\"PT30S\"}");
        assertThat(opened.statusCode()).isEqualTo(201);

        HttpResponse<String> down = client.put("bk-3", "k3", body("bk-3"));
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.headers().firstValue("Retry-After")).isEmpty();
        assertThat(client.sim("GET", "/sim/bookings", null).statusCode()).as("/sim stays up").isEqualTo(200);

        clock.advance(Duration.ofSeconds(30));
        assertThat(client.put("bk-3", "k3", body("bk-3")).statusCode()).isEqualTo(201);
    }

    @Test
    void aDropWindowClosesConnectionsWithoutAnAnswer() {
        rx.faults().down(Duration.ofSeconds(10), DownMode.DROP);

        assertThatThrownBy(() -> client.put("bk-4", "k4", body("bk-4"))).isInstanceOf(UncheckedIOException.class);
        assertThat(rx.requests()).singleElement().satisfies(r -> {
            assertThat(r.status()).isZero();
            assertThat(r.outcome()).isEqualTo("dropped");
            assertThat(r.bookingId()).isEqualTo("bk-4");
        });
        assertThat(rx.bookings()).isEmpty();

        clock.advance(Duration.ofSeconds(10));
        assertThat(client.put("bk-4", "k4", body("bk-4")).statusCode()).isEqualTo(201);
    }

    @Test
    void theRejectKeySwitchAnswers401EvenToTheRightKey() {
        client.sim("PUT", "/sim/faults", "{\"rejectApiKey\":true}");
        assertThat(client.health().statusCode()).isEqualTo(401);
        assertThat(client.put("bk-5", "k5", body("bk-5")).statusCode()).isEqualTo(401);

        rx.faults().rejectApiKey(true, 403);
        assertThat(client.health().statusCode()).isEqualTo(403);
        assertThat(rx.bookings()).isEmpty();
    }

    @Test
    void throttlingAnswers429WithRetryAfterInWholeSeconds() {
        rx.faults().throttle(1.0, Duration.ofMillis(2500));

        HttpResponse<String> throttled = client.put("bk-6", "k6", body("bk-6"));

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(rx.bookings()).isEmpty();
    }

    @Test
    void aSeededRunRepeatsExactly() {
        List<Integer> first = statusesAtHalfErrorRate();
        rx.reset();
        List<Integer> second = statusesAtHalfErrorRate();

        assertThat(second).isEqualTo(first);
        assertThat(first).contains(200, 500);
    }

    private List<Integer> statusesAtHalfErrorRate() {
        rx.faults().serverErrors(0.5);
        return IntStream.range(0, 20).mapToObj(i -> client.health().statusCode()).toList();
    }

    @Test
    void badSwitchesAre400AndChangeNothing() {
        HttpResponse<String> typo = client.sim("PUT", "/sim/faults", "{\"serverErrorRat\":1.0}");
        HttpResponse<String> range = client.sim("PUT", "/sim/faults", "{\"throttleRate\":2}");
        HttpResponse<String> window = client.sim("POST", "/sim/faults/down", "{\"mode\":\"DROP\"}");

        assertThat(List.of(typo, range, window)).extracting(HttpResponse::statusCode).containsOnly(400);
        assertThat(range.body()).contains("throttleRate must be between 0 and 1");
        assertThat(rx.faults().current()).isEqualTo(FaultSettings.none(7));
        assertThat(client.sim("GET", "/sim/faults", null).body()).contains("\"serverErrorRate\":0.0");
    }
}
