package rxpush.forwarder.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.ChangeType;
import rxpush.common.contract.Source;
import rxpush.common.kafka.ContractSerializer;
import rxpush.forwarder.testing.Samples;

/** Debounce, coalescing of later duplicates, and the committable offset. */
class PartitionBufferTest {

    private static final Duration DEBOUNCE = Duration.ofSeconds(2);
    private static final Instant T0 = Samples.T0;
    private static final String MAILBOX = "room.1@contoso.com";

    private final PartitionBuffer buffer = new PartitionBuffer();

    static Hint hint(long offset, Instant at, ChangeType type, String itemId, String oldItemId) {
        ChangeNotification n = Samples.notification("n" + offset, Source.EWS, MAILBOX, type, itemId, oldItemId, at);
        byte[] value = new ContractSerializer<ChangeNotification>().serialize("t", n);
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("t", 0, offset, at.toEpochMilli(),
                TimestampType.CREATE_TIME, 0, value.length, MAILBOX, value, new RecordHeaders(), java.util.Optional.empty());
        return Hint.of(record, at);
    }

    @Test
    void nothingIsReadyBeforeTheDebounceWindowHasPassed() {
        buffer.add(hint(0, T0, ChangeType.UPDATED, "a", null));

        assertThat(buffer.takeReady(T0.plusMillis(1999), DEBOUNCE, 100)).isEmpty();
        assertThat(buffer.nextReadyAt(DEBOUNCE)).contains(T0.plus(DEBOUNCE));
        assertThat(buffer.takeReady(T0.plus(DEBOUNCE), DEBOUNCE, 100)).extracting(Hint::offset).containsExactly(0L);
    }

    @Test
    void laterHintsAboutTheSameItemJoinTheBatchOthersWait() {
        buffer.add(hint(0, T0, ChangeType.CREATED, "a", null));
        buffer.add(hint(1, T0.plusMillis(1500), ChangeType.UPDATED, "b", null));
        buffer.add(hint(2, T0.plusMillis(1900), ChangeType.UPDATED, "a", null));
        buffer.add(hint(3, T0.plusMillis(1950), ChangeType.MOVED, "c", "a"));

        List<Hint> batch = buffer.takeReady(T0.plusMillis(2000), DEBOUNCE, 100);

        assertThat(batch).extracting(Hint::offset).containsExactly(0L, 2L, 3L);
    }

    @Test
    void theCommittableOffsetIsTheLowestNotDone() {
        assertThat(buffer.committable()).isEmpty();
        buffer.add(hint(10, T0, ChangeType.UPDATED, "a", null));
        buffer.add(hint(11, T0, ChangeType.UPDATED, "b", null));
        buffer.add(hint(12, T0, ChangeType.UPDATED, "a", null));
        assertThat(buffer.committable()).contains(10L);

        buffer.done(List.of(10L, 12L));
        assertThat(buffer.committable()).contains(11L);

        buffer.done(List.of(11L));
        assertThat(buffer.committable()).contains(13L);
        assertThat(buffer.isEmpty()).isTrue();
    }

    @Test
    void recordsNotDoneAreOfferedAgain() {
        buffer.add(hint(0, T0, ChangeType.UPDATED, "a", null));
        buffer.add(hint(1, T0, ChangeType.UPDATED, "b", null));
        Instant later = T0.plusSeconds(5);
        assertThat(buffer.takeReady(later, DEBOUNCE, 100)).hasSize(2);

        buffer.done(List.of(0L));

        assertThat(buffer.takeReady(later, DEBOUNCE, 100)).extracting(Hint::offset).containsExactly(1L);
    }

    @Test
    void aBatchTakesAtMostMaxReadyRecordsButStillItsDuplicates() {
        buffer.add(hint(0, T0, ChangeType.UPDATED, "a", null));
        buffer.add(hint(1, T0, ChangeType.UPDATED, "b", null));
        buffer.add(hint(2, T0, ChangeType.UPDATED, "a", null));

        assertThat(buffer.takeReady(T0.plusSeconds(3), DEBOUNCE, 1)).extracting(Hint::offset).containsExactly(0L, 2L);
    }

    @Test
    void aTimestampFromTheFutureCountsFromWhenTheRecordArrived() {
        Hint skewed = Hint.of(hint(0, T0.plusSeconds(3600), ChangeType.UPDATED, "a", null).record(), T0);
        buffer.add(skewed);

        assertThat(buffer.takeReady(T0.plus(DEBOUNCE), DEBOUNCE, 10)).hasSize(1);
    }

    @Test
    void unreadableRecordsAreReadyAndCarryTheirError() {
        ConsumerRecord<String, byte[]> junk = new ConsumerRecord<>("t", 0, 0, T0.toEpochMilli(), TimestampType.CREATE_TIME,
                0, 3, MAILBOX, "{x".getBytes(), new RecordHeaders(), java.util.Optional.empty());
        buffer.add(Hint.of(junk, T0));

        assertThat(buffer.takeReady(T0.plus(DEBOUNCE), DEBOUNCE, 10)).singleElement()
                .satisfies(h -> assertThat(h.decodeError()).hasMessageContaining("invalid ChangeNotification"));
    }
}
