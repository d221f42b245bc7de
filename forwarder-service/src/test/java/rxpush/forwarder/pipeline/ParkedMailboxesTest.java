package rxpush.forwarder.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.ChangeType;
import rxpush.common.contract.Source;
import rxpush.common.kafka.ContractSerializer;
import rxpush.forwarder.failure.MailboxRefused;
import rxpush.forwarder.testing.Samples;
import rxpush.testsupport.MutableClock;

/** A parked mailbox's records wait, the others' go; slow retry, operator retry, release on success. */
class ParkedMailboxesTest {

    private static final Instant T0 = Samples.T0;
    private final MutableClock clock = new MutableClock(T0);
    private final ForwarderMetrics metrics = new ForwarderMetrics(new SimpleMeterRegistry());
    private final ParkedMailboxes parked = new ParkedMailboxes(Duration.ofMinutes(5), clock, metrics);

    private static Hint hint(long offset, String mailbox, String itemId) {
        ChangeNotification n = Samples.notification("n" + offset, Source.GRAPH, mailbox, ChangeType.UPDATED, itemId,
                null, T0);
        byte[] value = new ContractSerializer<ChangeNotification>().serialize("t", n);
        return Hint.of(new ConsumerRecord<>("t", 0, offset, T0.toEpochMilli(), TimestampType.CREATE_TIME, 0,
                value.length, mailbox, value, new RecordHeaders(), java.util.Optional.empty()), T0);
    }

    @Test
    void aParkedMailboxIsHeldUntilItsNextTryWhileOthersAreTaken() {
        parked.park(new MailboxRefused("b@contoso.com", "Graph denied access (HTTP 403)", null));
        PartitionBuffer buffer = new PartitionBuffer();
        buffer.add(hint(0, "b@contoso.com", "x"));
        buffer.add(hint(1, "a@contoso.com", "y"));
        buffer.add(hint(2, "b@contoso.com", "x"));

        Instant now = T0.plusSeconds(10);
        assertThat(buffer.takeReady(now, Duration.ZERO, 100, m -> parked.held(m, now)))
                .extracting(Hint::offset).containsExactly(1L);
        assertThat(buffer.committable()).as("nothing of b is committed past").contains(0L);
        assertThat(metrics.parkedMailboxes()).isEqualTo(1);

        Instant later = T0.plus(Duration.ofMinutes(5));
        clock.advance(Duration.ofMinutes(5));
        assertThat(parked.held("b@contoso.com", later)).as("tried again after the slow interval").isFalse();
    }

    @Test
    void anOperatorResyncTriesAtOnceAndSuccessReleases() {
        parked.park(new MailboxRefused("b@contoso.com", "EWS is blocked by policy for this tenant", null));
        clock.advance(Duration.ofSeconds(30));
        assertThat(parked.held("b@contoso.com", clock.instant())).isTrue();
        parked.retryNow("b@contoso.com");
        assertThat(parked.held("b@contoso.com", clock.instant())).isFalse();

        parked.park(new MailboxRefused("b@contoso.com", "still refused", null));
        assertThat(parked.snapshot().get("b@contoso.com").since()).as("parked since the first refusal").isEqualTo(T0);
        assertThat(parked.snapshot().get("b@contoso.com").reason()).isEqualTo("still refused");

        parked.worked("b@contoso.com");
        assertThat(parked.isParked("b@contoso.com")).isFalse();
        assertThat(metrics.parkedMailboxes()).isZero();
    }
}
