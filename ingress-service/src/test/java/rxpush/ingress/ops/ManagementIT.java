package rxpush.ingress.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import rxpush.common.contract.SecretHash;
import rxpush.ingress.registry.SubscriptionRegistry;
import rxpush.ingress.testing.EwsPush;
import rxpush.ingress.testing.Http;
import rxpush.ingress.testing.IngressTest;
import rxpush.ingress.testing.TestSubscriptions;
import rxpush.testsupport.KafkaTestBroker;

/**
 * The two ports: the notification port serves the endpoints and /livez only; health and
 * Prometheus metrics live on the management port, bound to 127.0.0.1.
 */
@IngressTest
class ManagementIT {

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;
    @Autowired
    SubscriptionRegistry registry;

    private Http http;
    private Http management;
    private TestSubscriptions subscriptions;

    @BeforeEach
    void setUp(KafkaTestBroker broker) {
        http = new Http(port);
        management = new Http("127.0.0.1", managementPort);
        subscriptions = new TestSubscriptions(broker.bootstrapServers(), registry);
    }

    @AfterEach
    void tearDown() {
        subscriptions.close();
    }

    @Test
    void readinessIsUpWithRegistryAndKafka() {
        HttpResponse<String> readiness = management.get("/actuator/health/readiness");

        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"registry\"").contains("\"kafka\"").contains("\"UP\"");
        assertThat(management.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    @Test
    void prometheusShowsTheServiceMeters() {
        String token = SecretHash.newSecret();
        subscriptions.ews(TestSubscriptions.mailbox(), token, "ews-metrics");
        assertThat(http.post("/ews/notifications/" + token, "text/xml", EwsPush.of("ews-metrics", "W0")
                .item("CreatedEvent", "W1", "i", "c").bytes()).statusCode()).isEqualTo(200);
        assertThat(http.post("/ews/notifications/" + SecretHash.newSecret(), "text/xml", new byte[0]).statusCode()).isEqualTo(404);

        String metrics = management.get("/actuator/prometheus").body();

        assertThat(metrics)
                .contains("rxpush_ingress_notifications_received_total{application=\"rxpush-ingress\",source=\"EWS\"}")
                .contains("rxpush_ingress_notifications_accepted_total{application=\"rxpush-ingress\",source=\"EWS\"}")
                .contains("rxpush_ingress_notifications_rejected_total{application=\"rxpush-ingress\",reason=\"unknown_token\",source=\"EWS\"}")
                .contains("rxpush_ingress_records_total{application=\"rxpush-ingress\",topic=\"rxpush.notifications\"}")
                .contains("rxpush_ingress_ack_latency_seconds_bucket{application=\"rxpush-ingress\",source=\"EWS\",le=")
                .doesNotContain(token);
        java.nio.file.Path dump = java.nio.file.Path.of("target/prometheus-ingress.txt");
        try {
            java.nio.file.Files.writeString(dump, metrics);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(rxpush.testsupport.MetricNames.missing("ingress", metrics)).as("listed in " + rxpush.testsupport.MetricNames.file())
                .isEmpty();
    }

    @Test
    void notificationPortExposesNothingElse() {
        assertThat(http.get("/livez").statusCode()).isEqualTo(200);
        for (String path : new String[] {"/", "/actuator", "/actuator/health", "/actuator/prometheus", "/readyz",
                "/error", "/index.html", "/graph"}) {
            HttpResponse<String> answer = http.get(path);
            assertThat(answer.statusCode()).as(path).isIn(404, 405);
            assertThat(answer.body()).as(path).doesNotContain("UP").doesNotContain("rxpush_");
        }
    }

    @Test
    void errorsNeitherEchoThePathNorChallenge() {
        String token = SecretHash.newSecret();

        HttpResponse<String> wrongMethod = http.get("/ews/notifications/" + token);
        HttpResponse<String> wrongPath = http.post("/ews/notifications/" + token + "/more", "text/xml", new byte[0]);

        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongPath.statusCode()).isEqualTo(404);
        for (HttpResponse<String> answer : java.util.List.of(wrongMethod, wrongPath)) {
            assertThat(answer.body()).doesNotContain(token);
            assertThat(answer.headers().firstValue("WWW-Authenticate")).isEmpty();
        }
    }

    @Test
    void managementPortIsNotReachableFromOtherInterfaces() throws Exception {
        Optional<InetAddress> external = NetworkInterface.networkInterfaces()
                .filter(nic -> { try { return nic.isUp() && !nic.isLoopback(); } catch (IOException e) { return false; } })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(Inet4Address.class::isInstance)
                .findFirst();
        assumeThat(external).as("a non-loopback IPv4 address").isPresent();

        assertThat(connects(external.get(), port)).as("notification port").isTrue();
        assertThat(connects(external.get(), managementPort)).as("management port").isFalse();
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
