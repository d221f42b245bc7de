package rxpush.ingress.ews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import rxpush.common.contract.ChangeNotification;
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
 * XXE and external-DTD attempts embedded in otherwise valid SendNotifications for a known token,
 * against an out-of-band canary: a loopback HTTP server that counts every request. A parser that
 * resolved anything would hit it (and the same body without the DOCTYPE is accepted, so a 400 here
 * is the parser refusing the DOCTYPE, not the body being invalid).
 */
@IngressTest
class XxeCanaryIT {

    private static final String XML = "text/xml; charset=utf-8";

    @LocalServerPort
    int port;
    @Autowired
    SubscriptionRegistry registry;

    private HttpServer canary;
    private final AtomicInteger hits = new AtomicInteger();
    private Http http;
    private TestSubscriptions subscriptions;
    private TopicProbe<ChangeNotification> notifications;
    private TopicProbe<ChangeNotification> signals;
    private String mailbox;
    private String token;
    private String subscriptionId;

    @BeforeEach
    void setUp(KafkaTestBroker broker) throws Exception {
        canary = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        canary.createContext("/", exchange -> {
            hits.incrementAndGet();
            byte[] dtd = "<!ENTITY % leak \"x\"><!ENTITY ext \"canary\">".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, dtd.length);
            exchange.getResponseBody().write(dtd);
            exchange.close();
        });
        canary.start();
        http = new Http(port);
        subscriptions = new TestSubscriptions(broker.bootstrapServers(), registry);
        notifications = new TopicProbe<>(broker.bootstrapServers(), Topics.NOTIFICATIONS, ChangeNotification.class);
        signals = new TopicProbe<>(broker.bootstrapServers(), Topics.SIGNALS, ChangeNotification.class);
        mailbox = TestSubscriptions.mailbox();
        token = SecretHash.newSecret();
        subscriptionId = KafkaTestBroker.unique("ews");
        subscriptions.ews(mailbox, token, subscriptionId);
    }

    @AfterEach
    void tearDown() {
        canary.stop(0);
        subscriptions.close();
        notifications.close();
        signals.close();
    }

    private String canaryUrl(String path) {
        return "http://127.0.0.1:" + canary.getAddress().getPort() + path;
    }

    /**
     * A valid SendNotification whose event watermark (element text, where an entity reference is legal)
     * is {@code watermarkText}, with {@code doctype} after the XML declaration.
     */
    private String withDoctype(String doctype, String watermarkText) {
        String valid = EwsPush.of(subscriptionId, "W0").item("CreatedEvent", "WATERMARK", "item-ok", "ck").xml();
        String body = valid.replace("?>", "?>" + doctype).replace(">WATERMARK<", ">" + watermarkText + "<");
        if (body.equals(valid)) {
            throw new IllegalStateException("the test body was not changed");
        }
        return body;
    }

    @Test
    void noExternalEntityOrDtdIsEverFetched() throws Exception {
        // the control: the same body without a DOCTYPE is a valid push, accepted (retried while Kafka is
        // slow to acknowledge on a loaded machine: 503 is ingress asking Exchange to retry)
        await().atMost(Duration.ofSeconds(60)).until(() -> http.post("/ews/notifications/" + token, XML,
                withDoctype("", "W1").getBytes(StandardCharsets.UTF_8)).statusCode() == 200);
        assertThat(notifications.await(mailbox, 1))
                .allSatisfy(r -> assertThat(r.value().itemId()).isEqualTo("item-ok"));
        long notificationsBefore = notifications.growth();
        long signalsBefore = signals.growth();

        List<String> attacks = List.of(
                withDoctype("<!DOCTYPE e [<!ENTITY ext SYSTEM \"" + canaryUrl("/entity") + "\">]>", "&ext;"),
                withDoctype("<!DOCTYPE soap11:Envelope SYSTEM \"" + canaryUrl("/external.dtd") + "\">", "W1"),
                withDoctype("<!DOCTYPE e [<!ENTITY % remote SYSTEM \"" + canaryUrl("/parameter.dtd") + "\">%remote;]>",
                        "W1"),
                withDoctype("<!DOCTYPE e PUBLIC \"-//X//Y\" \"" + canaryUrl("/public.dtd") + "\">", "W1"),
                withDoctype("<!DOCTYPE e [<!ENTITY ext PUBLIC \"-//X//Y\" \"" + canaryUrl("/public-entity") + "\">]>", "&ext;"));

        SoftAssertions soft = new SoftAssertions();
        for (String attack : attacks) {
            int status = http.post("/ews/notifications/" + token, XML, attack.getBytes(StandardCharsets.UTF_8)).statusCode();
            soft.assertThat(status).as(attack).isEqualTo(400);
        }
        soft.assertAll();

        assertThat(hits).as("requests the canary received").hasValue(0);
        assertThat(notifications.growth()).isEqualTo(notificationsBefore);
        assertThat(signals.growth()).isEqualTo(signalsBefore);
    }
}
