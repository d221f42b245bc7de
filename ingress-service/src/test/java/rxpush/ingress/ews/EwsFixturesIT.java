package rxpush.ingress.ews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.diff.Diff;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.ChangeType;
import rxpush.common.contract.SecretHash;
import rxpush.common.contract.Source;
import rxpush.common.contract.SubscriptionState;
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

/** Every EWS fixture against the running service and a real broker: answers and records. */
@IngressTest
@ExtendWith(OutputCaptureExtension.class)
class EwsFixturesIT {

    private static final String XML = "text/xml; charset=utf-8";

    @LocalServerPort
    int port;
    @Autowired
    SubscriptionRegistry registry;

    private Http http;
    private TestSubscriptions subscriptions;
    private TopicProbe<ChangeNotification> notifications;
    private TopicProbe<ChangeNotification> signals;
    private String mailbox;
    private String token;

    @BeforeEach
    void setUp(KafkaTestBroker broker) {
        http = new Http(port);
        subscriptions = new TestSubscriptions(broker.bootstrapServers(), registry);
        notifications = new TopicProbe<>(broker.bootstrapServers(), Topics.NOTIFICATIONS, ChangeNotification.class);
        signals = new TopicProbe<>(broker.bootstrapServers(), Topics.SIGNALS, ChangeNotification.class);
        mailbox = TestSubscriptions.mailbox();
        token = SecretHash.newSecret();
    }

    @AfterEach
    void tearDown() {
        subscriptions.close();
        notifications.close();
        signals.close();
    }

    @Test
    void exchangeOnlineCaptureGivesOneItemAndOneHeartbeat(CapturedOutput output) {
        String fixture = "ews/exo-modifiedevent-calendar-item.xml";
        subscriptions.ews(mailbox, token, Fixtures.ewsSubscriptionId(fixture));

        HttpResponse<String> answer = push(Fixtures.bytes(fixture));

        assertOk(answer);
        List<Received<ChangeNotification>> items = notifications.await(mailbox, 1);
        assertThat(items).hasSize(1);
        ChangeNotification item = items.getFirst().value();
        assertThat(item.changeType()).isEqualTo(ChangeType.UPDATED);
        assertThat(item.source()).isEqualTo(Source.EWS);
        assertThat(item.mailbox()).isEqualTo(mailbox);
        assertThat(item.itemId()).isEqualTo("AQMkAGYzNDgzOTU5LTM2ZTAtNGExMC04YjQyLTlkMzUxM2MzZjBkOQBGAAADdiwJfgoT4UeFDoYZ5kbJFQcAbsZeBEfd1Eyd3oyV64JNiAAAAgENAAAAbsZeBEfd1Eyd3oyV64JNiAACUQqtogAAAA==");
        assertThat(item.changeKey()).isEqualTo("DwAAAA==");
        assertThat(item.watermark()).isEqualTo("AQAAAExY/dNdjDVKjtBVHKR5IOsoIukhAAAAAAE=");
        assertThat(item.previousWatermark()).isEqualTo("AQAAAExY/dNdjDVKjtBVHKR5IOurFukhAAAAAAE=");
        assertThat(item.eventTime()).isEqualTo(Instant.parse("2020-12-03T11:03:50Z"));
        assertThat(item.subscriptionId()).isEqualTo(Fixtures.ewsSubscriptionId(fixture));

        List<Received<ChangeNotification>> heartbeats = signals.await(mailbox, 1);
        assertThat(heartbeats).hasSize(1);
        ChangeNotification heartbeat = heartbeats.getFirst().value();
        assertThat(heartbeat.changeType()).isEqualTo(ChangeType.STATUS);
        // The folder event's watermark is the newest: folder events count toward the heartbeat only.
        assertThat(heartbeat.watermark()).isEqualTo("AQAAAExY/dNdjDVKjtBVHKR5IOstIukhAAAAAAE=");
        assertThat(heartbeat.previousWatermark()).isEqualTo("AQAAAExY/dNdjDVKjtBVHKR5IOurFukhAAAAAAE=");

        Received<ChangeNotification> record = items.getFirst();
        assertThat(record.key()).isEqualTo(mailbox);
        assertThat(record.headers())
                .containsEntry(RxHeaders.SOURCE, "EWS")
                .containsEntry(RxHeaders.SUBSCRIPTION_ID, Fixtures.ewsSubscriptionId(fixture))
                .containsEntry(RxHeaders.SCHEMA_VERSION, "1")
                .containsKeys(RxHeaders.RECEIVED_AT, RxHeaders.TRACE_ID);
        assertThat(heartbeats.getFirst().headers().get(RxHeaders.TRACE_ID)).isEqualTo(record.headers().get(RxHeaders.TRACE_ID));
        assertThat(output.getAll()).doesNotContain(token);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ews/workmail-modifiedevent-folder.xml", "ews/workmail-statusevent.xml",
            "ews/exchange2016-statusevent.exchangelib.xml"})
    void heartbeatOnlyPushesGiveOneStatusAndNoItem(String fixture) {
        subscriptions.ews(mailbox, token, Fixtures.ewsSubscriptionId(fixture));

        assertOk(push(Fixtures.bytes(fixture)));

        List<Received<ChangeNotification>> heartbeats = signals.await(mailbox, 1);
        assertThat(heartbeats).singleElement().satisfies(r -> {
            assertThat(r.value().changeType()).isEqualTo(ChangeType.STATUS);
            assertThat(r.value().watermark()).isNotBlank();
            assertThat(Fixtures.text(fixture)).contains("<t:Watermark>" + r.value().watermark() + "</t:Watermark>");
        });
        assertThat(notifications.growth()).isZero();
    }

    @Test
    void pullResponseIsNotAPushAndProducesNothing() {
        String fixture = "ews/msdocs-getevents-response-newmail.pull.xml";
        subscriptions.ews(mailbox, token, Fixtures.ewsSubscriptionId(fixture));

        HttpResponse<String> answer = push(Fixtures.bytes(fixture));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("<faultcode>soap:Client</faultcode>");
        assertThat(notifications.growth() + signals.growth()).isZero();
    }

    @Test
    void pullNotificationRewrappedAsPushGivesTwoCreatedItems() {
        String fixture = "ews/msdocs-getevents-response-newmail.pull.xml";
        subscriptions.ews(mailbox, token, Fixtures.ewsSubscriptionId(fixture));

        assertOk(push(asPush(Fixtures.text(fixture))));

        List<Received<ChangeNotification>> items = notifications.await(mailbox, 2);
        assertThat(items).extracting(r -> r.value().changeType()).containsExactly(ChangeType.CREATED, ChangeType.CREATED);
        assertThat(items).extracting(r -> r.value().itemId()).containsExactly("AQApAHR", "AQApAHRw");
        assertThat(items).extracting(r -> r.value().changeKey()).containsExactly("CQAAAA==", "CQAAAA==");
        assertThat(signals.await(mailbox, 1)).singleElement()
                .satisfies(r -> assertThat(r.value().watermark()).isEqualTo("AAAAAOQGAAAAAAAAAQ=="));
    }

    @Test
    void redeliveryKeepsNotificationIds() {
        String fixture = "ews/exo-modifiedevent-calendar-item.xml";
        subscriptions.ews(mailbox, token, Fixtures.ewsSubscriptionId(fixture));

        assertOk(push(Fixtures.bytes(fixture)));
        assertOk(push(Fixtures.bytes(fixture)));

        List<Received<ChangeNotification>> items = notifications.await(mailbox, 2);
        assertThat(items).extracting(r -> r.value().notificationId()).hasSize(2).containsOnly(items.getFirst().value().notificationId());
        List<Received<ChangeNotification>> heartbeats = signals.await(mailbox, 2);
        // A redelivery is a retry, not a gap: no MISSED, and the same heartbeat id.
        assertThat(heartbeats).extracting(r -> r.value().changeType()).containsExactly(ChangeType.STATUS, ChangeType.STATUS);
        assertThat(heartbeats).extracting(r -> r.value().notificationId()).containsOnly(heartbeats.getFirst().value().notificationId());
        assertThat(items.getFirst().partition()).isEqualTo(heartbeats.getFirst().partition());
    }

    @Test
    void answersMatchTheListenerRepliesExchangeExpects() {
        String fixture = "ews/workmail-statusevent.xml";
        String okToken = SecretHash.newSecret();
        subscriptions.ews(TestSubscriptions.mailbox(), okToken, Fixtures.ewsSubscriptionId(fixture));
        String obsoleteToken = SecretHash.newSecret();
        subscriptions.ews(TestSubscriptions.mailbox(), obsoleteToken, Fixtures.ewsSubscriptionId(fixture),
                SubscriptionStatus.OBSOLETE);

        HttpResponse<String> ok = http.post("/ews/notifications/" + okToken, XML, Fixtures.bytes(fixture));
        HttpResponse<String> unsubscribe = http.post("/ews/notifications/" + obsoleteToken, XML, Fixtures.bytes(fixture));

        assertThat(ok.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/xml"));
        assertSimilar(ok.body(), Fixtures.text("ews/response-ok.exchangelib.xml"));
        assertSimilar(unsubscribe.body(), Fixtures.text("ews/response-unsubscribe.exchangelib.xml"));
        assertThat(unsubscribe.statusCode()).isEqualTo(200);
    }

    @Test
    void obsoleteSubscriptionIsUnsubscribedAndProducesNothing() {
        String fixture = "ews/exo-modifiedevent-calendar-item.xml";
        SubscriptionState active = subscriptions.ews(mailbox, token, Fixtures.ewsSubscriptionId(fixture));
        assertOk(push(Fixtures.bytes(fixture)));
        notifications.await(mailbox, 1);
        signals.await(mailbox, 1);

        subscriptions.write(new SubscriptionState(active.schemaVersion(), active.id(), mailbox, active.protocol(),
                active.subscriptionId(), SubscriptionStatus.OBSOLETE, active.createdAt(), null, null, null, 2,
                active.ingressTokenHash(), null, active.health(), null, null, null, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> registry.forEwsToken(token)
                .filter(s -> s.status() == SubscriptionStatus.OBSOLETE).isPresent());
        HttpResponse<String> answer = push(Fixtures.bytes(fixture));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains(">Unsubscribe<");
        assertThat(notifications.growth()).isEqualTo(1);
        assertThat(signals.growth()).isEqualTo(1);
    }

    @Test
    void pendingSubscriptionIsServedBeforeExchangeIdIsKnown() {
        String fixture = "ews/workmail-statusevent.xml";
        subscriptions.ews(mailbox, token, null, SubscriptionStatus.PENDING);

        assertOk(push(Fixtures.bytes(fixture)));
        assertThat(signals.await(mailbox, 1)).singleElement()
                .satisfies(r -> assertThat(r.value().subscriptionId()).isEqualTo(Fixtures.ewsSubscriptionId(fixture)));
    }

    @Test
    void unknownTokenIs404WithoutEchoingIt(CapturedOutput output) {
        HttpResponse<String> answer = push(Fixtures.bytes("ews/workmail-statusevent.xml"));

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).doesNotContain(token);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(output.getAll()).doesNotContain(token);
    }

    @Test
    void pushNamingAnotherSubscriptionIsRefused() {
        subscriptions.ews(mailbox, token, "some-other-exchange-subscription");

        HttpResponse<String> answer = push(Fixtures.bytes("ews/workmail-statusevent.xml"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(signals.poll(mailbox)).isEmpty();
        assertThat(signals.growth()).isZero();
    }

    private HttpResponse<String> push(byte[] body) {
        return http.post("/ews/notifications/" + token, XML, body);
    }

    /** The pull response's Notification, put into a push envelope (see fixtures/README.md). */
    static byte[] asPush(String pull) {
        return pull.replace("<GetEventsResponse ", "<m:SendNotification ")
                .replace("</GetEventsResponse>", "</m:SendNotification>")
                .replace("m:GetEventsResponseMessage", "m:SendNotificationResponseMessage")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void assertOk(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("<m:SubscriptionStatus>OK</m:SubscriptionStatus>");
    }

    private static void assertSimilar(String actual, String expected) {
        Diff diff = DiffBuilder.compare(expected).withTest(actual).ignoreWhitespace().checkForSimilar().build();
        assertThat(diff.hasDifferences()).as(diff.toString()).isFalse();
    }
}
