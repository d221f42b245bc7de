package rxpush.forwarder.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.slf4j.MDC;
import rxpush.common.kafka.RxHeaders;

/**
 * Puts the mailbox and the trace ids of the records being worked on into the logging context (MDC keys
 * {@code mailbox} and {@code traceId}), so every log line about them, up to the RX call, can be joined
 * with ingress's lines for the same request. Several records of one mailbox may come from several
 * requests: their trace ids are listed, at most {@link #MAX_TRACES}.
 */
final class RecordContext implements AutoCloseable {

    static final int MAX_TRACES = 5;

    private final MDC.MDCCloseable mailbox;
    private final MDC.MDCCloseable traces;

    private RecordContext(String mailbox, String traces) {
        this.mailbox = MDC.putCloseable("mailbox", mailbox);
        this.traces = traces.isEmpty() ? null : MDC.putCloseable("traceId", traces);
    }

    static RecordContext of(String mailbox, List<Hint> hints) {
        Set<String> ids = new LinkedHashSet<>();
        for (Hint hint : hints) {
            Header header = hint.record().headers().lastHeader(RxHeaders.TRACE_ID);
            if (header != null && header.value() != null && ids.size() < MAX_TRACES) {
                ids.add(new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return new RecordContext(mailbox, String.join(",", ids));
    }

    @Override
    public void close() {
        mailbox.close();
        if (traces != null) {
            traces.close();
        }
    }
}
