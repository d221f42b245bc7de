package rxpush.forwarder.testing;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.ChangeType;
import rxpush.common.contract.SchemaVersions;
import rxpush.common.contract.Source;
import rxpush.common.kafka.ContractSerializer;
import rxpush.simulators.exchange.ExchangeSimulator;
import rxpush.simulators.exchange.calendar.JournalEntry;
import rxpush.simulators.exchange.calendar.Mailbox;
import rxpush.testsupport.KafkaTestBroker;

/**
 * Stands in for ingress-service in the forwarder's tests: every event the exchange simulator would
 * push over EWS becomes the ChangeNotification ingress writes for it (item events, the free/busy item
 * included, since a push cannot tell it apart; folder events are not item hints and are left out),
 * acknowledged by Kafka before the simulator goes on. Counts what it wrote.
 */
public final class SimulatedIngress implements AutoCloseable {

    private final KafkaProducer<String, ChangeNotification> producer;
    private final String topic;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean waitForAcks = true;

    public SimulatedIngress(ExchangeSimulator exchange, KafkaTestBroker kafka, String topic) {
        this.producer = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(), new ContractSerializer<>());
        this.topic = topic;
        exchange.store().addListener(this::changed);
    }

    private void changed(Mailbox mailbox, List<JournalEntry> entries) {
        for (JournalEntry entry : entries) {
            if (entry.target() == JournalEntry.Target.FOLDER) {
                continue;
            }
            ChangeType type = switch (entry.kind()) {
                case CREATED -> ChangeType.CREATED;
                case MODIFIED -> ChangeType.UPDATED;
                case DELETED -> ChangeType.DELETED;
                case MOVED -> ChangeType.MOVED;
            };
            String address = mailbox.address();
            Instant now = Instant.now();
            ChangeNotification hint = new ChangeNotification(SchemaVersions.CURRENT, "sim-" + ids.incrementAndGet(),
                    Source.EWS, address, "sim-subscription", type, entry.itemId(), entry.oldItemId(), entry.changeKey(),
                    Long.toString(entry.position()), null, entry.at(), now, null);
            try {
                var sent = producer.send(new ProducerRecord<>(topic, hint.key(), hint));
                if (waitForAcks) {
                    sent.get();
                }
                written.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("Kafka did not take the notification", e.getCause());
            }
        }
    }

    /**
     * Whether each notification waits for Kafka's acknowledgement (like ingress, the default) or is
     * sent in the background (to load a backlog quickly; call {@link #flush()} after).
     */
    public void waitForAcks(boolean value) {
        waitForAcks = value;
    }

    public void flush() {
        producer.flush();
    }

    /** Notifications written so far. */
    public long written() {
        return written.get();
    }

    /** Writes a RESYNC request for a mailbox, as the subscription service does. */
    public void resync(String mailbox) {
        ChangeNotification hint = new ChangeNotification(SchemaVersions.CURRENT, "sim-" + ids.incrementAndGet(),
                Source.EWS, mailbox, null, ChangeType.RESYNC, null, null, null, null, null, null, Instant.now(), "test");
        producer.send(new ProducerRecord<>(topic, hint.key(), hint));
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
