package rxpush.forwarder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;
import rxpush.common.config.ConfigFailureAnalyzer;
import rxpush.common.contract.BookingIds;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.ChangeType;
import rxpush.common.contract.Source;
import rxpush.common.kafka.ContractSerializer;
import rxpush.common.kafka.Topics;
import rxpush.forwarder.testing.EwsStub;
import rxpush.forwarder.testing.RxStub;
import rxpush.forwarder.testing.Samples;
import rxpush.testsupport.KafkaTestBroker;
import rxpush.testsupport.WithKafka;

/** The whole application as main() starts it: config file, wiring, EWS reader, actuator. */
@WithKafka
class ForwarderApplicationIT {

    private static final String KEY = "app-test-key";
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : resources.reversed()) {
            resource.close();
        }
    }

    private ConfigurableApplicationContext start(URI tenantUrl, String key, URI ewsUrl, String prefix, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0", "--rxpush.tenant-url=" + tenantUrl, "--rxpush.api-key=" + key,
                "--rxpush.ews.url=" + ewsUrl, "--rxpush.ews.username=svc", "--rxpush.ews.password=pw",
                "--rxpush.forwarder.topic-prefix=" + prefix, "--rxpush.forwarder.group-id=" + prefix + "group",
                "--rxpush.forwarder.debounce=200ms", "--rxpush.topics.partitions=2", "--spring.main.banner-mode=off"));
        args.addAll(List.of(extra));
        ConfigurableApplicationContext context = ForwarderApplication.application().run(args.toArray(String[]::new));
        resources.add(context);
        return context;
    }

    private String get(ConfigurableApplicationContext context, String path) throws Exception {
        String port = context.getEnvironment().getProperty("local.server.port");
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void forwardsAnEwsBookingEndToEndAndReportsHealthAndMetrics() throws Exception {
        RxStub rx = new RxStub(KEY);
        EwsStub ews = new EwsStub();
        resources.add(rx);
        resources.add(ews);
        // EWS sends instants to the second.
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant start = now.plus(Duration.ofDays(1));
        ews.put(new EwsStub.Item("AAMk-app", "ck1", EwsStub.CALENDAR, "IPM.Appointment", "Single", "uid", start,
                start.plusSeconds(1800), now, null, "<t:Subject>Board</t:Subject>"));
        String prefix = KafkaTestBroker.unique("app") + ".";
        ConfigurableApplicationContext context = start(rx.tenantUrl(), KEY, ews.url(), prefix);
        String mailbox = "room.app@contoso.com";

        register(prefix, mailbox);
        try (KafkaProducer<String, ChangeNotification> producer = new KafkaProducer<>(
                KafkaBrokerProps.producer(), new StringSerializer(), new ContractSerializer<>())) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> producer.send(new ProducerRecord<>(
                    prefix + Topics.NOTIFICATIONS, mailbox, Samples.notification("n1", Source.EWS, mailbox,
                            ChangeType.CREATED, "AAMk-app", null, Instant.now()))).get() != null);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> rx.booking(BookingIds.bookingId(mailbox, "AAMk-app")).isPresent());
        assertThat(rx.booking(BookingIds.bookingId(mailbox, "AAMk-app")).orElseThrow().subject()).isEqualTo("Board");
        assertThat(get(context, "/actuator/health")).contains("\"status\":\"UP\"").contains("forwarder");
        String page = get(context, "/actuator/prometheus");
        assertThat(page).contains("rxpush_forwarder_pushed_total")
                .contains("rxpush_forwarder_fetches_total").contains("rxpush_forwarder_freshness_seconds");
        java.nio.file.Files.writeString(java.nio.file.Path.of("target/prometheus-forwarder.txt"), page);
        assertThat(rxpush.testsupport.MetricNames.missing("forwarder", page)).isEmpty();
        assertThat(page).contains("rxpush_forwarder_blocked{component=\"resourcexpress\"} 0.0");
        assertThat(context.getEnvironment().getProperty("server.address")).isEqualTo("127.0.0.1");
    }

    /** As the subscription service does: the forwarder acts on registered mailboxes only. */
    private static void register(String prefix, String mailbox) {
        try (KafkaProducer<String, Object> registrations = new KafkaProducer<>(
                KafkaBrokerProps.producer(), new StringSerializer(), new ContractSerializer<>())) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> registrations.send(new ProducerRecord<>(
                    prefix + Topics.MAILBOXES, mailbox, rxpush.common.contract.MailboxRegistration.of(mailbox,
                            rxpush.common.contract.Protocol.EWS, true, Instant.now()))).get() != null);
        }
    }

    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void jsonLogsNameTheMailboxAndTheTraceIdOfTheRecordUpToTheRxCall(
            org.springframework.boot.test.system.CapturedOutput output) throws Exception {
        RxStub rx = new RxStub(KEY);
        EwsStub ews = new EwsStub();
        resources.add(rx);
        resources.add(ews);
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant start = now.plus(Duration.ofDays(1));
        ews.put(new EwsStub.Item("AAMk-json", "ck1", EwsStub.CALENDAR, "IPM.Appointment", "Single", "uid-json", start,
                start.plusSeconds(1800), now, null, "<t:Subject>Json</t:Subject>"));
        String prefix = KafkaTestBroker.unique("json") + ".";
        start(rx.tenantUrl(), KEY, ews.url(), prefix, "--logging.structured.format.console=ecs",
                "--logging.config=classpath:logback-structured-test.xml",
                "--logging.level.rxpush.forwarder.rx=DEBUG");
        String mailbox = "room.json@contoso.com";
        register(prefix, mailbox);
        try (KafkaProducer<String, ChangeNotification> producer = new KafkaProducer<>(
                KafkaBrokerProps.producer(), new StringSerializer(), new ContractSerializer<>())) {
            ProducerRecord<String, ChangeNotification> record = new ProducerRecord<>(prefix + Topics.NOTIFICATIONS, mailbox,
                    Samples.notification("n-json", Source.EWS, mailbox, ChangeType.CREATED, "AAMk-json", null, Instant.now()));
            record.headers().add(rxpush.common.kafka.RxHeaders.TRACE_ID, "trace-json-1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> producer.send(record).get() != null);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> rx.booking(BookingIds.bookingId(mailbox, "AAMk-json")).isPresent());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(output.getOut().lines()
                .filter(line -> line.startsWith("{") && line.contains("ResourceXpress answered 20") && line.contains(" to PUT "))
                .toList()).anySatisfy(line -> assertThat(line).contains("\"mailbox\":\"room.json@contoso.com\"")
                        .contains("\"traceId\":\"trace-json-1\"").doesNotContain(KEY)));
    }

    @Test
    void healthIsDownWithOneClearMessageWhenRxRejectsTheApiKey() throws Exception {
        RxStub rx = new RxStub(KEY);
        EwsStub ews = new EwsStub();
        resources.add(rx);
        resources.add(ews);
        ConfigurableApplicationContext context = start(rx.tenantUrl(), "wrong-key", ews.url(),
                KafkaTestBroker.unique("bad") + ".");

        String expected = "ResourceXpress at " + rx.tenantUrl()
                + " rejected the ApiKey; check it matches ApiKey in RX web.config";
        await().atMost(Duration.ofSeconds(30)).until(() -> get(context, "/actuator/health").contains(expected));
        String health = get(context, "/actuator/health");
        assertThat(health).contains("\"status\":\"DOWN\"").doesNotContain("wrong-key");
        // What the RxRejectsApiKey alert watches.
        assertThat(get(context, "/actuator/prometheus")).contains("rxpush_forwarder_blocked{component=\"resourcexpress\"} 1.0");
    }

    @Test
    void aMissingTenantUrlStopsStartUpNamingTheKey() {
        assertThatThrownBy(() -> ForwarderApplication.application().run("--server.port=0", "--rxpush.api-key=k",
                "--spring.main.banner-mode=off"))
                .satisfies(failure -> {
                    FailureAnalysis analysis = new ConfigFailureAnalyzer().analyze(failure);
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription()).contains("rxpush.tenant-url");
                });
    }

    @Test
    void theApiKeyNeverAppearsInTheSettingsText() {
        ForwarderProperties properties = new ForwarderProperties(URI.create("http://rx.local"), "s3cr3t",
                ForwarderSettings.defaults(), null, null, null);
        assertThat(properties.toString()).doesNotContain("s3cr3t").contains("http://rx.local");
    }

    /** The shared broker's address, as @WithKafka publishes it. */
    static final class KafkaBrokerProps {
        static java.util.Map<String, Object> producer() {
            java.util.Map<String, Object> props = new java.util.HashMap<>();
            props.put("bootstrap.servers", System.getProperty("spring.kafka.bootstrap-servers"));
            props.put("acks", "all");
            return props;
        }
    }
}
