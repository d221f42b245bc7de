package rxpush.ingress.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.ChangeType;
import rxpush.common.contract.LifecycleEvent;
import rxpush.common.contract.LifecycleNotification;
import rxpush.common.contract.SubscriptionStatus;
import rxpush.common.kafka.RxHeaders;
import rxpush.common.kafka.Topics;
import rxpush.ingress.registry.SubscriptionRegistry;
import rxpush.ingress.testing.Fixtures;
import rxpush.ingress.testing.Http;
import rxpush.ingress.testing.IngressTest;
import rxpush.ingress.testing.TestSubscriptions;
import rxpush.ingress.testing.TopicProbe;
import rxpush.ingress.testing.TopicProbe.Received;
import rxpush.testsupport.KafkaTestBroker;

/** Every Graph fixture and the validation handshake against the running service and a real broker. */
@IngressTest
@ExtendWith(OutputCaptureExtension.class)
class GraphFixturesIT {

    private static final String JSON = "application/json; charset=utf-8";
    private static final String CAPTURE_SUBSCRIPTION = "ec73a6d8-5535-40ba-8b84-71b6b56788f4";

    @LocalServerPort
    int port;
    @Autowired
    SubscriptionRegistry registry;
    @Autowired
    MeterRegistry meters;

    private Http http;
    private TestSubscriptions subscriptions;
    private TopicProbe<ChangeNotification> notifications;
    private TopicProbe<LifecycleNotification> lifecycle;
    private String mailbox;

    @BeforeEach
    void setUp(KafkaTestBroker broker) {
        http = new Http(port);
        subscriptions = new TestSubscriptions(broker.bootstrapServers(), registry);
        notifications = new TopicProbe<>(broker.bootstrapServers(), Topics.NOTIFICATIONS, ChangeNotification.class);
        lifecycle = new TopicProbe<>(broker.bootstrapServers(), Topics.LIFECYCLE, LifecycleNotification.class);
        mailbox = TestSubscriptions.mailbox();
    }

    @AfterEach
    void tearDown() {
        subscriptions.close();
        notifications.close();
        lifecycle.close();
    }

    @ParameterizedTest
    @CsvSource({"capture-group-calendar-event-created.json, CREATED, W/\"DwAAABYAAAAJk/rg5HJKR4HmS51TSiYlAAAecwKg\"",
            "capture-group-calendar-event-updated.json, UPDATED, W/\"DwAAABYAAAAJk/rg5HJKR4HmS51TSiYlAAAecwKl\"",
            "capture-group-calendar-event-deleted.json, DELETED, W/\"CQAAAA==\""})
    void capturedEventNotificationsAreAccepted(String fixture, ChangeType type, String etag) {
        subscriptions.graph(mailbox, CAPTURE_SUBSCRIPTION, "foo", SubscriptionStatus.ACTIVE);

        HttpResponse<String> answer = http.post("/graph/notifications", JSON, Fixtures.bytes("graph/" + fixture));

        assertThat(answer.statusCode()).isEqualTo(202);
        Received<ChangeNotification> record = notifications.await(mailbox, 1).getFirst();
        assertThat(record.value().changeType()).isEqualTo(type);
        assertThat(record.value().changeKey()).isEqualTo(etag);
        assertThat(record.value().itemId()).isEqualTo("AAMkAGViYzY5NTVhLTcxNzUtNDE3YS05N2FhLTNhODU5OWE2MWVlZABGAAAAAABYnoNt8-_-QbEnnjxv3TP-BwAJk-rg5HJKR4HmS51TSiYlAAAAAAENAAAJk-rg5HJKR4HmS51TSiYlAAAecy6lAAA=");
        assertThat(record.value().subscriptionId()).isEqualTo(CAPTURE_SUBSCRIPTION);
        assertThat(record.key()).isEqualTo(mailbox);
        assertThat(record.headers()).containsEntry(RxHeaders.SOURCE, "GRAPH")
                .containsEntry(RxHeaders.SUBSCRIPTION_ID, CAPTURE_SUBSCRIPTION)
                .containsKeys(RxHeaders.TRACE_ID, RxHeaders.RECEIVED_AT, RxHeaders.SCHEMA_VERSION);
    }

    @Test
    void docsChangeNotificationIsAccepted() {
        subscriptions.graph(mailbox, "{subscription_guid}", "secretClientValue", SubscriptionStatus.ACTIVE);

        assertThat(http.post("/graph/notifications", JSON, Fixtures.bytes("graph/msdocs-webhook-basic-created-message.json"))
                .statusCode()).isEqualTo(202);

        assertThat(notifications.await(mailbox, 1)).singleElement().satisfies(r -> {
            assertThat(r.value().changeType()).isEqualTo(ChangeType.CREATED);
            assertThat(r.value().itemId()).isEqualTo("{long_id_string}");
        });
    }

    @ParameterizedTest
    @CsvSource({"msdocs-lifecycle-reauthorizationRequired.json, e3898f08-5cd0-4a6a-80fc-6addbfb73b7b, {secret client state}, REAUTHORIZATION_REQUIRED, 2019-09-18T00:52:45.9696658Z",
            "msdocs-lifecycle-missed.json, <subscription_guid>, <secretClientState>, MISSED, 2019-03-20T11:00:00Z"})
    void lifecycleNotificationsAreAccepted(String fixture, String subscriptionId, String clientState, LifecycleEvent event,
            Instant expires) {
        subscriptions.graph(mailbox, subscriptionId, clientState, SubscriptionStatus.ACTIVE);

        assertThat(http.post("/graph/lifecycle", JSON, Fixtures.bytes("graph/" + fixture)).statusCode()).isEqualTo(202);

        assertThat(lifecycle.await(mailbox, 1)).singleElement().satisfies(r -> {
            assertThat(r.value().event()).isEqualTo(event);
            assertThat(r.value().subscriptionId()).isEqualTo(subscriptionId);
            assertThat(r.value().subscriptionExpiresAt()).isEqualTo(expires);
            assertThat(r.headers()).containsEntry(RxHeaders.SOURCE, "GRAPH");
        });
        assertThat(notifications.growth()).isZero();
    }

    @Test
    void eventHubsValidationMessageProducesNothing() {
        // a subscription made without a token in its URL: the shared path is served while one exists
        subscriptions.graph(mailbox, KafkaTestBroker.unique("legacy"), "legacy-secret", SubscriptionStatus.ACTIVE);
        double before = rejected("validation_message");

        assertThat(http.post("/graph/notifications", JSON, Fixtures.bytes("graph/msdocs-eventhubs-validation-message.json"))
                .statusCode()).isEqualTo(202);

        assertThat(notifications.growth() + lifecycle.growth()).isZero();
        assertThat(rejected("validation_message")).isEqualTo(before + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/graph/notifications", "/graph/lifecycle"})
    void validationHandshakeEchoesTheDecodedTokenAsPlainText(String path) {
        String token = "Validation: Testing client application reachability for subscription Request-Id: 522a8e7e-096a-494c-aaf1-ac0dcfca45b7";

        HttpResponse<String> answer = http.post(path + "?validationToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8),
                "text/plain", new byte[0]);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(token);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    }

    @Test
    void validationTokenIsNeverServedAsHtml() {
        HttpResponse<String> answer = http.post("/graph/notifications?validationToken=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                null, new byte[0]);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void overlongValidationTokenIsRefused() {
        assertThat(http.post("/graph/notifications?validationToken=" + "a".repeat(GraphController.MAX_VALIDATION_TOKEN + 1),
                "text/plain", new byte[0]).statusCode()).isEqualTo(400);
    }

    @Test
    void onlyItemsWithTheRightSecretAreAccepted(CapturedOutput output) {
        String otherMailbox = TestSubscriptions.mailbox();
        String good = KafkaTestBroker.unique("graph-good");
        String other = KafkaTestBroker.unique("graph-other");
        subscriptions.graph(mailbox, good, "right-secret", SubscriptionStatus.ACTIVE);
        subscriptions.graph(otherMailbox, other, "other-secret", SubscriptionStatus.ACTIVE);
        double mismatchesBefore = rejected("client_state_mismatch");
        double unknownBefore = rejected("unknown_subscription");
        String wrongSecret = KafkaTestBroker.unique("forged-secret");
        String body = "{\"value\":[" + change(good, "right-secret", "created", "item-1") + ","
                + change(good, wrongSecret, "updated", "item-2") + ","
                + change(other, "other-secret", "deleted", "item-3") + ","
                + change(KafkaTestBroker.unique("graph-unknown"), "right-secret", "created", "item-4") + "]}";

        assertThat(http.post("/graph/notifications", JSON, body.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(202);

        assertThat(notifications.await(mailbox, 1)).extracting(r -> r.value().itemId()).containsExactly("item-1");
        assertThat(notifications.await(otherMailbox, 1)).extracting(r -> r.value().itemId()).containsExactly("item-3");
        assertThat(notifications.growth()).isEqualTo(2);
        assertThat(rejected("client_state_mismatch")).isEqualTo(mismatchesBefore + 1);
        assertThat(rejected("unknown_subscription")).isEqualTo(unknownBefore + 1);
        assertThat(output.getAll()).doesNotContain(wrongSecret).doesNotContain("right-secret").doesNotContain("other-secret");
    }

    @Test
    void redeliveryKeepsTheNotificationId() {
        subscriptions.graph(mailbox, CAPTURE_SUBSCRIPTION, "foo", SubscriptionStatus.ACTIVE);
        byte[] body = Fixtures.bytes("graph/capture-group-calendar-event-updated.json");

        http.post("/graph/notifications", JSON, body);
        http.post("/graph/notifications", JSON, body);

        List<Received<ChangeNotification>> records = notifications.await(mailbox, 2);
        assertThat(records).extracting(r -> r.value().notificationId()).containsOnly(records.getFirst().value().notificationId());
    }

    @Test
    void lifecycleItemsOnTheNotificationUrlAreNotLost() {
        subscriptions.graph(mailbox, "e3898f08-5cd0-4a6a-80fc-6addbfb73b7b", "{secret client state}", SubscriptionStatus.ACTIVE);

        assertThat(http.post("/graph/notifications", JSON, Fixtures.bytes("graph/msdocs-lifecycle-reauthorizationRequired.json"))
                .statusCode()).isEqualTo(202);

        assertThat(lifecycle.await(mailbox, 1)).hasSize(1);
    }

    private static String change(String subscriptionId, String clientState, String changeType, String itemId) {
        return "{\"subscriptionId\":\"" + subscriptionId + "\",\"clientState\":\"" + clientState + "\",\"changeType\":\""
                + changeType + "\",\"resource\":\"Users/u/Events/" + itemId + "\",\"resourceData\":{\"id\":\"" + itemId
                + "\",\"@odata.etag\":\"W/\\\"1\\\"\"}}";
    }

    private double rejected(String reason) {
        var counter = meters.find("rxpush.ingress.notifications.rejected").tags("source", "GRAPH", "reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
