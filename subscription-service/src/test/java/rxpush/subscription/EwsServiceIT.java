package rxpush.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.ChangeType;
import rxpush.common.contract.SchemaVersions;
import rxpush.common.contract.SecretHash;
import rxpush.common.contract.Source;
import rxpush.common.contract.SubscriptionState;
import rxpush.common.contract.SubscriptionStatus;
import rxpush.common.kafka.ContractJson;
import rxpush.subscription.kafka.TopicNames;
import rxpush.subscription.testing.TopicReader;
import rxpush.testsupport.KafkaBrokerExtension;
import rxpush.testsupport.LoopbackHttp;
import rxpush.testsupport.LoopbackHttp.Answer;
import rxpush.testsupport.WithKafka;

/**
 * EWS through the whole service on a real broker, with a loopback EWS endpoint answering Subscribe:
 * the push URL carries a token whose hash is on the registry topic, heartbeats from the signals topic
 * show in the status API, the new mailbox's backfill RESYNC is written, and a MISSED signal (an error
 * push) replaces the subscription from the watermark before it, the old one becoming OBSOLETE, then
 * requests a RESYNC.
 */
@WithKafka
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.config.name=subscription",
    "rxpush.admin.token=it-admin-token",
    "server.port=0",
    "management.server.port=0",
    "rxpush.notification-url=https://push.contoso.test/rx",
    "rxpush.topics.partitions=2",
    "rxpush.ews.username=svc-rxpush",
    "rxpush.ews.password=not-a-password",
    "rxpush.ews.use-impersonation=true",
    "rxpush.mailboxes[0].address=room.ews@contoso.com",
    "rxpush.mailboxes[0].protocol=EWS",
})
class EwsServiceIT {

    private static final String PREFIX = "ews-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private static final TopicNames TOPICS = new TopicNames(PREFIX);
    private static final AtomicInteger SUBSCRIPTIONS = new AtomicInteger();
    private static final LoopbackHttp EWS = new LoopbackHttp(r -> Answer.xml(200, """
            <?xml version="1.0" encoding="utf-8"?>
            <s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
              <s:Header><h:ServerVersionInfo MajorVersion="15" MinorVersion="1" MajorBuildNumber="2507" MinorBuildNumber="6"
                Version="V2017_07_11" xmlns:h="http://schemas.microsoft.com/exchange/services/2006/types"/></s:Header>
              <s:Body><m:SubscribeResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"
                    xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><m:ResponseMessages>
                <m:SubscribeResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>
                  <m:SubscriptionId>ews-sub-%1$d</m:SubscriptionId><m:Watermark>wm-start-%1$d</m:Watermark>
                </m:SubscribeResponseMessage></m:ResponseMessages></m:SubscribeResponse></s:Body>
            </s:Envelope>""".formatted(SUBSCRIPTIONS.incrementAndGet())));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("rxpush.subscription.topic-prefix", () -> PREFIX);
        registry.add("rxpush.subscription.group-id", () -> "ews-it-" + UUID.randomUUID());
        registry.add("rxpush.ews.url", () -> EWS.url("/EWS/Exchange.asmx"));
    }

    @AfterAll
    static void stop() {
        EWS.close();
    }

    @LocalManagementPort
    int managementPort;

    private static SubscriptionState active() {
        return TopicReader.latest(KafkaBrokerExtension.shared(), TOPICS.subscriptions(), SubscriptionState.class).values()
                .stream().filter(s -> s.status() == SubscriptionStatus.ACTIVE).findFirst().orElse(null);
    }

    private static void signal(ChangeType type, String subscriptionId, String watermark) throws Exception {
        Instant now = Instant.now();
        ChangeNotification n = new ChangeNotification(SchemaVersions.CURRENT, UUID.randomUUID().toString(), Source.EWS,
                "room.ews@contoso.com", subscriptionId, type, null, null, null, watermark, null, now, now, null);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaBrokerExtension.shared().producerProperties())) {
            producer.send(new ProducerRecord<>(TOPICS.signals(), n.key().getBytes(StandardCharsets.UTF_8),
                    ContractJson.mapper().writeValueAsBytes(n))).get();
        }
    }

    private String status() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + managementPort + "/api/mailboxes/room.ews@contoso.com/status"))
                .header("Authorization", "Bearer it-admin-token").build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void subscribesTracksHeartbeatsAndRecoversFromMissedEvents() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> active() != null);
        SubscriptionState first = active();
        String body = EWS.requests.get(0).body();
        Matcher url = Pattern.compile("<t:URL>https://push.contoso.test/rx/ews/notifications/([A-Za-z0-9_-]+)</t:URL>")
                .matcher(body);
        assertThat(url.find()).isTrue();
        assertThat(first.ingressTokenHash()).isEqualTo(SecretHash.hash(url.group(1)));
        assertThat(body).contains("ExchangeImpersonation").contains("room.ews@contoso.com");
        assertThat(first.watermark()).isEqualTo("wm-start-1");

        // The signal follower may join after a first record: send heartbeats until one is seen.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            signal(ChangeType.STATUS, first.subscriptionId(), "wm-after-status");
            return status().contains("\"lastHeartbeatAt\":\"");
        });

        signal(ChangeType.MISSED, first.subscriptionId(), null);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            SubscriptionState now = active();
            return now != null && !now.subscriptionId().equals(first.subscriptionId());
        });
        assertThat(EWS.requests.get(1).body()).contains("<t:Watermark>wm-after-status</t:Watermark>");
        assertThat(TopicReader.latest(KafkaBrokerExtension.shared(), TOPICS.subscriptions(), SubscriptionState.class)
                .get(first.id()).status()).isEqualTo(SubscriptionStatus.OBSOLETE);
        List<ChangeNotification> resyncs = TopicReader.values(KafkaBrokerExtension.shared(), TOPICS.notifications(),
                ChangeNotification.class);
        assertThat(resyncs).extracting(ChangeNotification::reason).as("the backfill, then the re-read after the error push")
                .containsExactly("backfill: the mailbox was subscribed, its whole sync window is pushed",
                        "EWS subscription replaced after Exchange sent an error push");
        assertThat(status()).contains("\"backfill\":\"REQUESTED\"");
    }
}
