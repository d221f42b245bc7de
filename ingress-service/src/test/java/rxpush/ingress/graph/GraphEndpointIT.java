package rxpush.ingress.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.SecretHash;
import rxpush.common.kafka.Topics;
import rxpush.ingress.registry.SubscriptionRegistry;
import rxpush.ingress.testing.Http;
import rxpush.ingress.testing.IngressTest;
import rxpush.ingress.testing.RawHttp;
import rxpush.ingress.testing.TestSubscriptions;
import rxpush.ingress.testing.TopicProbe;
import rxpush.testsupport.KafkaTestBroker;

/**
 * The per-subscription Graph notification URL and the limits of the Graph endpoint, over HTTP
 * against a real broker.
 */
@IngressTest
@ExtendWith(OutputCaptureExtension.class)
class GraphEndpointIT {

    private static final String JSON = "application/json";

    @LocalServerPort
    int port;
    @Autowired
    SubscriptionRegistry registry;
    @Autowired
    MeterRegistry meters;

    private Http http;
    private TestSubscriptions subscriptions;
    private TopicProbe<ChangeNotification> notifications;
    private String mailbox;
    private String token;
    private String clientState;
    private String subscriptionId;

    @BeforeEach
    void setUp(KafkaTestBroker broker) {
        http = new Http(port);
        subscriptions = new TestSubscriptions(broker.bootstrapServers(), registry);
        notifications = new TopicProbe<>(broker.bootstrapServers(), Topics.NOTIFICATIONS, ChangeNotification.class);
        mailbox = TestSubscriptions.mailbox();
        token = SecretHash.newSecret();
        clientState = SecretHash.newSecret();
        subscriptionId = KafkaTestBroker.unique("graph");
        subscriptions.graphWithToken(mailbox, subscriptionId, clientState, token);
    }

    @AfterEach
    void tearDown() {
        subscriptions.close();
        notifications.close();
    }

    @Test
    void notificationsOnTheSubscriptionsOwnUrlAreAccepted() {
        assertThat(post("/graph/notifications/" + token, body(subscriptionId, clientState, "item-1")).statusCode())
                .isEqualTo(202);
        assertThat(post("/graph/lifecycle/" + token, body(subscriptionId, clientState, "item-2")).statusCode())
                .isEqualTo(202);

        assertThat(notifications.await(mailbox, 2)).extracting(r -> r.value().itemId()).containsExactly("item-1", "item-2");
    }

    @Test
    void anUnknownTokenIsRefusedBeforeTheBodyIsRead() throws Exception {
        try (RawHttp raw = new RawHttp(port, Duration.ofSeconds(10))) {
            // A megabyte announced, not one byte of it sent: only an answer before reading can arrive.
            raw.head("/graph/notifications/" + SecretHash.newSecret(), JSON, 1_000_000);
            assertThat(raw.status()).isEqualTo(404);
        }
        try (RawHttp raw = new RawHttp(port, Duration.ofSeconds(10))) {
            raw.head("/graph/notifications/not-a-token", JSON, 1_000_000);
            assertThat(raw.status()).isEqualTo(404);
        }
    }

    @Test
    void itemsOfAnotherSubscriptionOrOnTheSharedPathAreDropped() {
        String otherToken = SecretHash.newSecret();
        String otherState = SecretHash.newSecret();
        String other = KafkaTestBroker.unique("graph");
        subscriptions.graphWithToken(TestSubscriptions.mailbox(), other, otherState, otherToken);

        // the other subscription's valid item posted on this subscription's URL
        assertThat(post("/graph/notifications/" + token, body(other, otherState, "x-1")).statusCode()).isEqualTo(202);
        // a tokenized subscription's valid item on the shared path (served or not, it must produce nothing)
        assertThat(post("/graph/notifications", body(subscriptionId, clientState, "x-2")).statusCode()).isIn(202, 404);

        assertThat(notifications.poll(mailbox)).isEmpty();
        assertThat(notifications.growth()).isZero();
    }

    @Test
    void theValidationHandshakeWorksOnTheTokenUrlFromTheQueryStringOnly() {
        HttpResponse<String> answer = http.post("/graph/notifications/" + token + "?validationToken=a%20b", "text/plain",
                new byte[0]);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("a b");

        // the same parameter in a form body is not a handshake, and the form is never parsed
        HttpResponse<String> form = http.post("/graph/notifications/" + token, "application/x-www-form-urlencoded",
                "validationToken=abc".getBytes(StandardCharsets.UTF_8));
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(form.body()).doesNotContain("abc");
    }

    @Test
    void anItemBombIsRefusedQuicklyWithAtMostOneLogLine(CapturedOutput output) {
        StringBuilder bomb = new StringBuilder(1_048_576).append("{\"value\":[");
        while (bomb.length() < 1_048_000) {
            bomb.append("{},");
        }
        bomb.append("{}]}");
        byte[] body = bomb.toString().getBytes(StandardCharsets.UTF_8);
        post("/graph/notifications/" + token, body); // warm-up: class loading and JIT are not what is measured
        int linesBefore = lines(output);

        // The fastest of five: the build machine is shared, and scheduling noise is not the server's work.
        // Parsing the whole bomb and logging a line per item takes seconds on every attempt.
        Duration fastest = Duration.ofDays(1);
        for (int attempt = 0; attempt < 5; attempt++) {
            long started = System.nanoTime();
            HttpResponse<String> answer = post("/graph/notifications/" + token, body);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            fastest = took.compareTo(fastest) < 0 ? took : fastest;
            assertThat(answer.statusCode()).isEqualTo(413);
        }

        assertThat(fastest).isLessThan(Duration.ofMillis(500));
        assertThat(lines(output) - linesBefore).as("log lines for five bombs").isLessThanOrEqualTo(5);
        assertThat(notifications.growth()).isZero();
    }

    @Test
    void manyDroppedItemsWriteOneSummaryLine(CapturedOutput output) {
        StringBuilder items = new StringBuilder("{\"value\":[");
        for (int i = 0; i < 500; i++) {
            items.append(i == 0 ? "" : ",").append("{\"subscriptionId\":\"").append(subscriptionId)
                    .append("\",\"clientState\":\"wrong\",\"changeType\":\"updated\",\"resource\":\"Users/u/Events/e").append(i)
                    .append("\"}");
        }
        int linesBefore = lines(output);

        assertThat(post("/graph/notifications/" + token, items.append("]}").toString().getBytes(StandardCharsets.UTF_8))
                .statusCode()).isEqualTo(202);

        String logged = output.getAll().lines().skip(linesBefore).filter(l -> l.contains("rxpush.ingress"))
                .reduce("", (a, b) -> a + b + "\n");
        assertThat(logged.lines()).hasSize(1);
        assertThat(logged).contains("500 of 500 items dropped").contains("CLIENT_STATE_MISMATCH=500");
    }

    private static int lines(CapturedOutput output) {
        return (int) output.getAll().lines().count();
    }

    private HttpResponse<String> post(String path, byte[] body) {
        return http.post(path, JSON, body);
    }

    private static byte[] body(String subscriptionId, String clientState, String item) {
        return ("{\"value\":[{\"subscriptionId\":\"" + subscriptionId + "\",\"clientState\":\"" + clientState
                + "\",\"changeType\":\"updated\",\"resource\":\"Users/u/Events/" + item + "\"}]}").getBytes(StandardCharsets.UTF_8);
    }
}
