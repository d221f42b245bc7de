package rxpush.forwarder.rx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import rxpush.common.contract.BookingIds;
import rxpush.common.contract.BookingUpdate;
import rxpush.common.kafka.FailureStage;
import rxpush.forwarder.failure.ConfigurationFailure;
import rxpush.forwarder.failure.PermanentFailure;
import rxpush.forwarder.failure.TransientFailure;
import rxpush.forwarder.testing.RxStub;
import rxpush.forwarder.testing.Samples;
import rxpush.testsupport.LoopbackHttp;
import rxpush.testsupport.LoopbackHttp.Answer;

/** The RX client speaks the contract and classifies every answer the contract names. */
class RxClientTest {

    private static final String KEY = "secret-key-123";
    private static final String MAILBOX = "room.101@contoso.com";
    private static final Clock CLOCK = Clock.fixed(Samples.T0, ZoneOffset.UTC);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private RxStub stub;
    private LoopbackHttp server;

    @AfterEach
    void close() {
        if (stub != null) {
            stub.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private RxClient client(URI url, String key) {
        return new RxClient(url, key, http, Duration.ofMillis(500), CLOCK);
    }

    private RxClient against(Answer answer) {
        server = new LoopbackHttp(request -> answer);
        return client(URI.create(server.url("")), KEY);
    }

    @Test
    void putsTheContractBodyWithKeyAndIdempotencyKey() {
        stub = new RxStub(KEY);
        BookingUpdate booking = Samples.booking(MAILBOX, "item-1", "ck1", Samples.T0);
        String idem = BookingIds.idempotencyKey(MAILBOX, "item-1", "ck1");

        assertThat(client(stub.tenantUrl(), KEY).put(booking, idem)).isEqualTo(RxClient.PutResult.APPLIED);

        assertThat(stub.booking(booking.bookingId())).contains(booking);
        LoopbackHttp.Request request = stub.requests().getFirst();
        assertThat(request.path()).isEqualTo("/api/push/v1/bookings/" + booking.bookingId());
        assertThat(request.header("Idempotency-Key")).isEqualTo(idem);
        assertThat(request.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void aStaleAnswerCountsAsDone() {
        stub = new RxStub(KEY);
        RxClient client = client(stub.tenantUrl(), KEY);
        client.put(Samples.booking(MAILBOX, "item-1", "ck2", Samples.T0.plusSeconds(60)), "ik-new");

        assertThat(client.put(Samples.booking(MAILBOX, "item-1", "ck1", Samples.T0), "ik-old"))
                .isEqualTo(RxClient.PutResult.STALE);
        assertThat(stub.booking(BookingIds.bookingId(MAILBOX, "item-1")).orElseThrow().changeKey()).isEqualTo("ck2");
    }

    @Test
    void deletesWithDeletedAtAndToleratesAbsentBookings() {
        stub = new RxStub(KEY);
        RxClient client = client(stub.tenantUrl(), KEY);
        BookingUpdate booking = Samples.booking(MAILBOX, "item-1", "ck1", Samples.T0);
        client.put(booking, "ik-1");

        client.delete(booking.bookingId(), "ik-del", Samples.T0.plusSeconds(5));
        client.delete(booking.bookingId(), "ik-del-again", Samples.T0.plusSeconds(6));

        assertThat(stub.booking(booking.bookingId())).isEmpty();
        assertThat(stub.requests().get(1).header("X-Deleted-At")).isEqualTo("2026-11-25T09:00:05Z");
    }

    @Test
    void aRejectedKeyIsAConfigurationFailureWithTheOperatorsMessageAndNoSecret() {
        stub = new RxStub(KEY);
        RxClient client = client(stub.tenantUrl(), "wrong-key");

        assertThatThrownBy(() -> client.put(Samples.booking(MAILBOX, "i", "c", Samples.T0), "ik"))
                .isInstanceOfSatisfying(ConfigurationFailure.class, e -> {
                    assertThat(e.component()).isEqualTo(ConfigurationFailure.Component.RESOURCEXPRESS);
                    assertThat(e.getMessage()).isEqualTo("ResourceXpress at " + stub.tenantUrl()
                            + " rejected the ApiKey; check it matches ApiKey in RX web.config");
                    assertThat(e.getMessage()).doesNotContain("wrong-key");
                });
        assertThatThrownBy(client::checkKey).isInstanceOf(ConfigurationFailure.class);
        assertThatThrownBy(() -> client.delete("bk-x", "ik", Samples.T0)).isInstanceOf(ConfigurationFailure.class);
    }

    @Test
    void forbiddenIsAConfigurationFailureToo() {
        RxClient client = against(Answer.json(403, "{}"));
        assertThatThrownBy(() -> client.delete("bk-x", "ik", Samples.T0)).isInstanceOf(ConfigurationFailure.class);
    }

    @Test
    void invalidBodiesArePermanentForTheRecord() {
        for (int status : new int[] {400, 422}) {
            RxClient client = against(Answer.json(status, "{\"error\":\"start is required\"}"));
            assertThatThrownBy(() -> client.put(Samples.booking(MAILBOX, "i", "c", Samples.T0), "ik"))
                    .isInstanceOfSatisfying(PermanentFailure.class, e -> {
                        assertThat(e.stage()).isEqualTo(FailureStage.PUSH);
                        assertThat(e.getMessage()).contains(Integer.toString(status)).contains("start is required");
                    });
            server.close();
        }
        server = null;
    }

    @Test
    void throttlingIsTransientWithTheServersRetryAfter() {
        RxClient client = against(new Answer(429, "application/json", "{}", java.util.Map.of("Retry-After", "17")));
        assertThatThrownBy(() -> client.put(Samples.booking(MAILBOX, "i", "c", Samples.T0), "ik"))
                .isInstanceOfSatisfying(TransientFailure.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(17)));
    }

    @Test
    void serverErrorsAndUnexpectedAnswersAreTransient() {
        for (int status : new int[] {500, 502, 503, 404, 302}) {
            RxClient client = against(Answer.json(status, "{}"));
            assertThatThrownBy(() -> client.put(Samples.booking(MAILBOX, "i", "c", Samples.T0), "ik"))
                    .as("HTTP %d", status)
                    .isInstanceOfSatisfying(TransientFailure.class, e -> assertThat(e.retryAfter()).isEmpty());
            server.close();
        }
        server = null;
    }

    @Test
    void aRefusedConnectionIsTransient() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RxClient client = client(URI.create("http://127.0.0.1:" + port), KEY);
        assertThatThrownBy(() -> client.delete("bk-x", "ik", Samples.T0)).isInstanceOf(TransientFailure.class);
        assertThatThrownBy(client::checkKey).isInstanceOf(TransientFailure.class);
    }

    @Test
    void aTimeoutIsTransient() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server = new LoopbackHttp(request -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Answer.json(200, "{}");
        });
        RxClient client = client(URI.create(server.url("")), KEY);
        try {
            assertThatThrownBy(() -> client.put(Samples.booking(MAILBOX, "i", "c", Samples.T0), "ik"))
                    .isInstanceOf(TransientFailure.class).hasMessageContaining("Timeout");
        } finally {
            release.countDown();
        }
    }

    @Test
    void checkKeyPassesWhenRxAcceptsTheKey() {
        stub = new RxStub(KEY);
        client(stub.tenantUrl(), KEY).checkKey();
        assertThat(stub.requests()).singleElement().satisfies(r -> assertThat(r.path()).isEqualTo("/api/push/v1/health"));
    }

    @Test
    void theSameIdempotencyKeyIsAppliedOnce() {
        stub = new RxStub(KEY);
        RxClient client = client(stub.tenantUrl(), KEY);
        BookingUpdate booking = Samples.booking(MAILBOX, "item-1", "ck1", Samples.T0);
        client.put(booking, "ik-1");
        client.put(booking, "ik-1");
        assertThat(stub.applied()).hasSize(1);
    }
}
