package rxpush.forwarder.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.ChangeType;
import rxpush.common.contract.Source;
import rxpush.testsupport.KafkaTestBroker;

/** Forwarders on a real broker between an in-memory Exchange and the strict RX stub, for one test. */
public final class StubbedRig implements AutoCloseable {

    public static final String KEY = "the-api-key";

    public final FakeExchange exchange = new FakeExchange(Source.EWS);
    public final RxStub rx = new RxStub(KEY);
    public final Harness harness;
    /** A mailbox no other test uses. */
    public final String mailbox = KafkaTestBroker.unique("room") + "@contoso.com";
    private final AtomicInteger ids = new AtomicInteger();

    public StubbedRig(KafkaTestBroker kafka, Duration debounce) {
        this(kafka, debounce, Clock.systemUTC());
    }

    /** With the forwarder's clock under the test's control (the sync window rolls with it). */
    public StubbedRig(KafkaTestBroker kafka, Duration debounce, Clock clock) {
        harness = new Harness(kafka, rx.tenantUrl(), KEY, List.of(exchange),
                Harness.settings(debounce, Duration.ofMillis(200), Duration.ofSeconds(1)), clock);
    }

    /** With the consumer settings of production (no test overrides) and {@code partitions} partitions. */
    public StubbedRig(KafkaTestBroker kafka, Duration debounce, int partitions) {
        harness = new Harness(kafka, rx.tenantUrl(), KEY, List.of(exchange),
                Harness.settings(debounce, Duration.ofMillis(200), Duration.ofSeconds(1)), Clock.systemUTC(), partitions,
                Map.of());
    }

    /** A hint received now, with an id of its own. */
    public ChangeNotification hint(String mailbox, ChangeType type, String itemId, String oldItemId) {
        return Samples.notification("n-" + ids.incrementAndGet(), Source.EWS, mailbox, type, itemId, oldItemId,
                Instant.now());
    }

    @Override
    public void close() {
        harness.close();
        rx.close();
    }
}
