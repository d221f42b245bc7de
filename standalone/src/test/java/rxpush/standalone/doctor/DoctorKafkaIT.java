package rxpush.standalone.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import rxpush.common.config.EwsSettings;
import rxpush.common.config.MailboxSettings;
import rxpush.common.contract.Protocol;
import rxpush.common.contract.SecretHash;
import rxpush.common.contract.SubscriptionHealth;
import rxpush.common.contract.SubscriptionState;
import rxpush.common.contract.SubscriptionStatus;
import rxpush.common.kafka.ContractSerializer;
import rxpush.standalone.doctor.CheckResult.Status;
import rxpush.testsupport.KafkaTestBroker;
import rxpush.testsupport.MutableClock;
import rxpush.testsupport.WithKafka;

/** Doctor's Kafka-side checks on a real broker. */
@WithKafka
class DoctorKafkaIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");

    @Test
    void missingTopicsFailByNameAndPresentOnesPass(KafkaTestBroker kafka) {
        String a = KafkaTestBroker.unique("doctor-a");
        String b = KafkaTestBroker.unique("doctor-b");
        kafka.createTopics(1, a);
        CheckResult missing = new KafkaCheck(kafka.bootstrapServers(), List.of(a, b), TIMEOUT).run().get(0);
        assertThat(missing.status()).isEqualTo(Status.FAIL);
        assertThat(missing.what()).contains(b).doesNotContain("[" + a);
        kafka.createTopics(1, b);
        assertThat(new KafkaCheck(kafka.bootstrapServers(), List.of(a, b), TIMEOUT).run().get(0).status()).isEqualTo(Status.PASS);
    }

    @Test
    void anUnreachableClusterFailsWithinTheBudget() {
        long start = System.nanoTime();
        CheckResult result = new KafkaCheck("127.0.0.1:1", List.of("x"), Duration.ofSeconds(2)).run().get(0);
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.fix()).contains("spring.kafka.bootstrap-servers");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void subscriptionHealthIsJudgedFromTheRegistryTopic(KafkaTestBroker kafka) throws Exception {
        String topic = KafkaTestBroker.unique("subscriptions");
        kafka.createTopics(3, topic);
        try (KafkaProducer<String, SubscriptionState> producer = new KafkaProducer<>(kafka.producerProperties(),
                new StringSerializer(), new ContractSerializer<>())) {
            for (SubscriptionState state : List.of(
                    ews("s1", "healthy@contoso.com", SubscriptionStatus.ACTIVE, NOW.minusSeconds(60)),
                    ews("s2", "silent@contoso.com", SubscriptionStatus.ACTIVE, NOW.minus(Duration.ofHours(2))),
                    ews("s3", "replaced@contoso.com", SubscriptionStatus.OBSOLETE, NOW),
                    graph("s4", "expired@contoso.com", NOW.minusSeconds(1)),
                    graph("s5", "graph@contoso.com", NOW.plus(Duration.ofDays(3))))) {
                producer.send(new ProducerRecord<>(topic, state.key(), state)).get();
            }
            producer.send(new ProducerRecord<>(topic, "s5-removed", null)).get();
        }
        List<MailboxSettings> mailboxes = List.of(
                new MailboxSettings("healthy@contoso.com", Protocol.EWS),
                new MailboxSettings("silent@contoso.com", Protocol.EWS),
                new MailboxSettings("replaced@contoso.com", Protocol.EWS),
                new MailboxSettings("expired@contoso.com", Protocol.GRAPH),
                new MailboxSettings("graph@contoso.com", Protocol.GRAPH),
                new MailboxSettings("unknown@contoso.com", Protocol.GRAPH));
        EwsSettings ews = new EwsSettings(null, null, null, null, false, Duration.ofMinutes(5), Duration.ofMinutes(5));
        List<CheckResult> results = new SubscriptionHealthCheck(
                new KafkaSubscriptionRegistryReader(kafka.bootstrapServers(), topic, TIMEOUT), mailboxes, ews,
                new MutableClock(NOW)).run();
        assertThat(results).extracting(CheckResult::status)
                .containsExactly(Status.PASS, Status.FAIL, Status.FAIL, Status.FAIL, Status.PASS, Status.FAIL);
        assertThat(results.get(1).what()).contains("no EWS heartbeat");
        assertThat(results.get(2).what()).contains("no active subscription");
        assertThat(results.get(3).what()).contains("expired");
    }

    private static SubscriptionState ews(String id, String mailbox, SubscriptionStatus status, Instant heartbeat) {
        return new SubscriptionState(1, id, mailbox, Protocol.EWS, "ews-" + id, status, NOW.minus(Duration.ofDays(1)), null,
                "wm", heartbeat, 1, SecretHash.hash("t-" + id), null, SubscriptionHealth.HEALTHY, null, heartbeat, null, NOW);
    }

    private static SubscriptionState graph(String id, String mailbox, Instant expires) {
        return new SubscriptionState(1, id, mailbox, Protocol.GRAPH, "graph-" + id, SubscriptionStatus.ACTIVE,
                NOW.minus(Duration.ofDays(1)), expires, null, null, 1, null, SecretHash.hash("c-" + id),
                SubscriptionHealth.HEALTHY, null, null, null, NOW);
    }

    @Test
    void theDoctorVerbReportsEveryCheckAndExitsNonZeroOnAFailure(KafkaTestBroker kafka) {
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine cli = new picocli.CommandLine(new rxpush.standalone.cli.RxPushCommand());
        cli.setOut(new java.io.PrintWriter(out));
        int exit = cli.execute("doctor", "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--rxpush.tenant-url=http://127.0.0.1:1", "--rxpush.api-key=secret-key-value",
                "--rxpush.notification-url=http://127.0.0.1:1", "--rxpush.doctor.timeout=3s");
        assertThat(exit).isEqualTo(1);
        assertThat(out.toString())
                .contains("ResourceXpress at http://127.0.0.1:1 is not reachable")
                .contains("NotificationUrl http://127.0.0.1:1 is not reachable")
                .contains("SKIP  no EWS mailboxes configured")
                .contains("Some checks FAILED")
                .doesNotContain("secret-key-value");
    }
}
