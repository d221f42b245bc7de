package rxpush.ingress.ews;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.ChangeType;
import rxpush.common.contract.SecretHash;
import rxpush.common.kafka.Topics;
import rxpush.ingress.registry.SubscriptionRegistry;
import rxpush.ingress.testing.EwsPush;
import rxpush.ingress.testing.Http;
import rxpush.ingress.testing.IngressTest;
import rxpush.ingress.testing.TestSubscriptions;
import rxpush.ingress.testing.TopicProbe;
import rxpush.testsupport.KafkaTestBroker;

/**
 * What ingress records of EWS pushes: facts only. A broken watermark chain is passed on as it came
 * (the subscription service judges it); an error push (ResponseClass="Error") becomes a MISSED signal,
 * with or without its Notification, and is answered OK (it was stored).
 */
@IngressTest
class ErrorPushIT {

    @LocalServerPort
    int port;
    @Autowired
    SubscriptionRegistry registry;

    private Http http;
    private TestSubscriptions subscriptions;
    private TopicProbe<ChangeNotification> signals;
    private String mailbox;
    private String token;
    private String subscriptionId;

    @BeforeEach
    void setUp(KafkaTestBroker broker) {
        http = new Http(port);
        subscriptions = new TestSubscriptions(broker.bootstrapServers(), registry);
        signals = new TopicProbe<>(broker.bootstrapServers(), Topics.SIGNALS, ChangeNotification.class);
        mailbox = TestSubscriptions.mailbox();
        token = SecretHash.newSecret();
        subscriptionId = KafkaTestBroker.unique("ews");
        subscriptions.ews(mailbox, token, subscriptionId);
    }

    @AfterEach
    void tearDown() {
        subscriptions.close();
        signals.close();
    }

    @Test
    void aBrokenChainIsRecordedAsItCameAnErrorPushAsMissed() {
        post(EwsPush.of(subscriptionId, "W0").item("ModifiedEvent", "W1", "item-1", "ck").xml());
        post(EwsPush.of(subscriptionId, "W7").item("ModifiedEvent", "W8", "item-1", "ck").xml()); // W1..W7 lost
        post(EwsPush.of(subscriptionId, "W8").status("W9").errorXml("ErrorMissedNotificationEvents", true));
        post(EwsPush.of(subscriptionId, "W9").errorXml("ErrorMissedNotificationEvents", false));

        List<ChangeNotification> recorded = signals.await(mailbox, 5).stream().map(r -> r.value()).toList();
        assertThat(recorded).extracting(ChangeNotification::changeType).containsExactly(ChangeType.STATUS,
                ChangeType.STATUS, ChangeType.MISSED, ChangeType.STATUS, ChangeType.MISSED);
        assertThat(recorded.get(1).previousWatermark()).isEqualTo("W7");
        assertThat(recorded.get(2).reason()).contains("ErrorMissedNotificationEvents");
        assertThat(recorded.get(4).subscriptionId()).as("the token's subscription").isEqualTo(subscriptionId);
    }

    private void post(String xml) {
        int status = http.post("/ews/notifications/" + token, "text/xml",
                xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)).statusCode();
        assertThat(status).isEqualTo(200);
    }
}
