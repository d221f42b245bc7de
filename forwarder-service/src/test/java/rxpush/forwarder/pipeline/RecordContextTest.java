package rxpush.forwarder.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import rxpush.common.kafka.RxHeaders;

/** The mailbox and the trace ids ingress wrote into the records are in the logging context while they are worked. */
class RecordContextTest {

    private static Hint hint(long offset, String trace) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("rxpush.notifications", 0, offset, "room@contoso.com", null);
        if (trace != null) {
            record.headers().add(RxHeaders.TRACE_ID, trace.getBytes(StandardCharsets.UTF_8));
        }
        return Hint.of(record, Instant.EPOCH);
    }

    @Test
    void mailboxAndDistinctTraceIdsAreSetAndRemovedAfterwards() {
        try (RecordContext context = RecordContext.of("room@contoso.com",
                List.of(hint(1, "t-1"), hint(2, "t-2"), hint(3, "t-1"), hint(4, null)))) {
            assertThat(MDC.get("mailbox")).isEqualTo("room@contoso.com");
            assertThat(MDC.get("traceId")).isEqualTo("t-1,t-2");
        }
        assertThat(MDC.get("mailbox")).isNull();
        assertThat(MDC.get("traceId")).isNull();
    }

    @Test
    void atMostFiveTraceIdsAndNoneWhenTheRecordsCarryNone() {
        List<Hint> many = java.util.stream.IntStream.range(0, 9).mapToObj(i -> hint(i, "t-" + i)).toList();
        try (RecordContext context = RecordContext.of("room@contoso.com", many)) {
            assertThat(MDC.get("traceId")).isEqualTo("t-0,t-1,t-2,t-3,t-4");
        }
        try (RecordContext context = RecordContext.of("room@contoso.com", List.of(hint(1, null)))) {
            assertThat(MDC.get("traceId")).isNull();
            assertThat(MDC.get("mailbox")).isEqualTo("room@contoso.com");
        }
    }
}
