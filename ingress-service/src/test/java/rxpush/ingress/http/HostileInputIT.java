package rxpush.ingress.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.LifecycleNotification;
import rxpush.common.contract.SecretHash;
import rxpush.common.contract.SubscriptionStatus;
import rxpush.common.kafka.Topics;
import rxpush.ingress.registry.SubscriptionRegistry;
import rxpush.ingress.testing.EwsPush;
import rxpush.ingress.testing.Fixtures;
import rxpush.ingress.testing.HostileBodies;
import rxpush.ingress.testing.Http;
import rxpush.ingress.testing.IngressTest;
import rxpush.ingress.testing.TestSubscriptions;
import rxpush.ingress.testing.TopicProbe;
import rxpush.testsupport.KafkaTestBroker;

/**
 * The hostile corpus over HTTP against a real broker: every body gets the status the issue asks
 * for, and not a single record reaches any output topic. A valid request at the end shows the
 * probes would have seen one.
 */
@IngressTest
class HostileInputIT {

    private static final String XML = "text/xml; charset=utf-8";
    private static final String JSON = "application/json";
    private static final int MIB = 1024 * 1024;

    /** One hostile request: what it is, how it is sent and the status it must get. */
    record Case(String name, String contentType, byte[] body, boolean chunked, int status) {
        static Case of(String name, String contentType, String body, int status) {
            return new Case(name, contentType, body.getBytes(StandardCharsets.UTF_8), false, status);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    SubscriptionRegistry registry;

    private Http http;
    private TestSubscriptions subscriptions;
    private final List<TopicProbe<?>> probes = new ArrayList<>();
    private String mailbox;
    private String token;
    private String subscriptionId;
    private String graphSubscriptionId;

    @BeforeEach
    void setUp(KafkaTestBroker broker) {
        http = new Http(port);
        subscriptions = new TestSubscriptions(broker.bootstrapServers(), registry);
        mailbox = TestSubscriptions.mailbox();
        token = SecretHash.newSecret();
        subscriptionId = KafkaTestBroker.unique("ews");
        subscriptions.ews(mailbox, token, subscriptionId);
        graphSubscriptionId = KafkaTestBroker.unique("graph");
        subscriptions.graph(mailbox, graphSubscriptionId, "secret", SubscriptionStatus.ACTIVE);
        probes.add(new TopicProbe<>(broker.bootstrapServers(), Topics.NOTIFICATIONS, ChangeNotification.class));
        probes.add(new TopicProbe<>(broker.bootstrapServers(), Topics.SIGNALS, ChangeNotification.class));
        probes.add(new TopicProbe<>(broker.bootstrapServers(), Topics.LIFECYCLE, LifecycleNotification.class));
    }

    @AfterEach
    void tearDown() {
        subscriptions.close();
        probes.forEach(TopicProbe::close);
    }

    @Test
    void hostileEwsBodiesAreRefusedAndProduceNothing(@TempDir Path dir) throws Exception {
        Path secretFile = dir.resolve("secret.txt");
        Files.writeString(secretFile, "TOP-SECRET-FILE");
        String valid = EwsPush.of(subscriptionId, "W0").item("CreatedEvent", "W1", "item", "ck").xml();
        List<Case> corpus = List.of(
                Case.of("billion laughs", XML, HostileBodies.XML_BILLION_LAUGHS, 400),
                Case.of("XXE local file", XML, HostileBodies.xxe(secretFile.toUri().toString()), 400),
                Case.of("external DTD", XML, HostileBodies.XML_EXTERNAL_DTD, 400),
                Case.of("deep nesting", XML, HostileBodies.deepXml(50_000), 400),
                Case.of("huge attribute", XML, HostileBodies.hugeAttributeXml(900_000), 400),
                Case.of("huge element text", XML, valid.replace(">item<", ">" + "x".repeat(100_000) + "<")
                        .replace("Id=\"item\"", "Id=\"" + "i".repeat(20_000) + "\""), 400),
                Case.of("SOAP 1.2 envelope", XML, valid.replace("http://schemas.xmlsoap.org/soap/envelope/",
                        "http://www.w3.org/2003/05/soap-envelope"), 400),
                Case.of("wrong EWS namespace", XML, valid.replace("http://schemas.microsoft.com/exchange/services/2006/types",
                        "http://schemas.microsoft.com/exchange/services/2006/typez"), 400),
                Case.of("truncated", XML, HostileBodies.TRUNCATED_PUSH, 400),
                Case.of("truncated valid push", XML, valid.substring(0, valid.length() / 2), 400),
                Case.of("JSON as text/xml", XML, HostileBodies.JSON_NOTIFICATION, 400),
                Case.of("JSON as JSON", JSON, HostileBodies.JSON_NOTIFICATION, 415),
                Case.of("empty", XML, "", 400),
                Case.of("listener reply instead of a push", XML, Fixtures.text("ews/response-ok.exchangelib.xml"), 400),
                Case.of("pull response instead of a push", XML, Fixtures.text("ews/msdocs-getevents-response-newmail.pull.xml"), 400),
                Case.of("no content type", null, valid, 415),
                Case.of("HTML", "text/html", valid, 415),
                Case.of("form", "application/x-www-form-urlencoded", "a=b", 415),
                Case.of("garbage content type", "%%%", valid, 415),
                Case.of("another subscription's push", XML, valid.replace(subscriptionId, "not-" + subscriptionId), 400),
                new Case("binary noise", XML, noise(4096), false, 400),
                new Case("over 1 MiB with Content-Length", XML, padded(valid, MIB + 1), false, 413),
                new Case("over 1 MiB chunked", XML, padded(valid, 2 * MIB), true, 413));

        SoftAssertions soft = new SoftAssertions();
        for (Case hostile : corpus) {
            HttpResponse<String> answer = send("/ews/notifications/" + token, hostile);
            soft.assertThat(answer.statusCode()).as(hostile.name()).isEqualTo(hostile.status());
            soft.assertThat(answer.body()).as(hostile.name()).contains("<soap:Fault>").doesNotContain(token)
                    .doesNotContain("TOP-SECRET-FILE");
        }
        soft.assertAll();
        assertNothingProduced();
        assertThat(http.post("/ews/notifications/" + token, XML, valid.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
        assertThat(probes.getFirst().await(mailbox, 1)).hasSize(1);
    }

    @Test
    void hostileGraphBodiesAreRefusedAndProduceNothing() {
        List<Case> corpus = List.of(
                Case.of("XML as JSON", JSON, Fixtures.text("ews/workmail-statusevent.xml"), 400),
                Case.of("XML as XML", "text/xml", Fixtures.text("ews/workmail-statusevent.xml"), 415),
                Case.of("plain text without validationToken", "text/plain", "hello", 415),
                Case.of("no content type", null, "{\"value\":[]}", 415),
                Case.of("truncated", JSON, Fixtures.text("graph/capture-group-calendar-event-created.json").substring(0, 300), 400),
                Case.of("deep nesting", JSON, HostileBodies.deepJson(50_000), 400),
                Case.of("huge string", JSON, "{\"value\":[{\"subscriptionId\":\"" + "s".repeat(900_000) + "\"}]}", 400),
                Case.of("duplicate keys", JSON, "{\"value\":[],\"value\":[{\"subscriptionId\":\"x\"}]}", 400),
                Case.of("trailing garbage", JSON, "{\"value\":[]}{\"value\":[]}", 400),
                Case.of("value not an array", JSON, "{\"value\":{\"subscriptionId\":\"x\"}}", 400),
                Case.of("top-level array", JSON, "[{\"subscriptionId\":\"x\"}]", 400),
                Case.of("empty", JSON, "", 400),
                Case.of("items that are not objects", JSON, "{\"value\":[1,\"x\",null,[]]}", 202),
                Case.of("forged clientState", JSON, Fixtures.text("graph/capture-group-calendar-event-created.json")
                        .replace("ec73a6d8-5535-40ba-8b84-71b6b56788f4", graphSubscriptionId), 202),
                new Case("binary noise", JSON, noise(4096), false, 400),
                new Case("over 1 MiB with Content-Length", JSON, padded("{\"value\":[]}", MIB + 1), false, 413),
                new Case("over 1 MiB chunked", JSON, padded("{\"value\":[]}", 2 * MIB), true, 413));

        SoftAssertions soft = new SoftAssertions();
        for (String path : List.of("/graph/notifications", "/graph/lifecycle")) {
            for (Case hostile : corpus) {
                HttpResponse<String> answer = send(path, hostile);
                soft.assertThat(answer.statusCode()).as(path + " " + hostile.name()).isEqualTo(hostile.status());
            }
        }
        soft.assertAll();
        assertNothingProduced();
    }

    private void assertNothingProduced() {
        for (TopicProbe<?> probe : probes) {
            assertThat(probe.growth()).isZero();
        }
    }

    private HttpResponse<String> send(String path, Case hostile) {
        HttpRequest.BodyPublisher body = hostile.chunked()
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(hostile.body()))
                : HttpRequest.BodyPublishers.ofByteArray(hostile.body());
        HttpRequest.Builder request = HttpRequest.newBuilder(http.uri(path)).POST(body);
        if (hostile.contentType() != null) {
            request.header("Content-Type", hostile.contentType());
        }
        return http.send(request.build());
    }

    /** A valid document followed by whitespace up to {@code size} bytes. */
    private static byte[] padded(String document, int size) {
        byte[] bytes = new byte[size];
        byte[] head = document.getBytes(StandardCharsets.UTF_8);
        java.util.Arrays.fill(bytes, (byte) ' ');
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    private static byte[] noise(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }
}
