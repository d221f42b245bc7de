package rxpush.ingress.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import rxpush.common.contract.SecretHash;
import rxpush.ingress.registry.SubscriptionRegistry;
import rxpush.ingress.testing.IngressTest;
import rxpush.ingress.testing.RawHttp;
import rxpush.ingress.testing.TestSubscriptions;
import rxpush.testsupport.KafkaTestBroker;

/** A sender trickling its body at one byte per second is cut off at the body-read deadline. */
@IngressTest
@TestPropertySource(properties = "rxpush.ingress.body-read-timeout=2s")
class SlowSenderIT {

    @LocalServerPort
    int port;
    @Autowired
    SubscriptionRegistry registry;

    @Test
    void aBodyAtOneBytePerSecondIsCutAtTheDeadline(KafkaTestBroker broker) throws Exception {
        String token = SecretHash.newSecret();
        try (TestSubscriptions subscriptions = new TestSubscriptions(broker.bootstrapServers(), registry)) {
            subscriptions.graphWithToken(TestSubscriptions.mailbox(), KafkaTestBroker.unique("graph"), "s", token);
        }
        try (RawHttp raw = new RawHttp(port, Duration.ofSeconds(20))) {
            long started = System.nanoTime();
            raw.head("/graph/notifications/" + token, "application/json", 100);
            // One byte per second, on a thread of its own, until the server closes the connection.
            Thread sender = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 100 && raw.send(new byte[] {' '}); i++) {
                    try {
                        // sleep-ok: the attacker sends one byte per second; the pacing is the attack, not a wait for a result
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            int status = raw.status();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            sender.interrupt();

            assertThat(status).isEqualTo(408);
            assertThat(took).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(8));
        }
    }
}
