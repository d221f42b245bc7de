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

    private final Source protocol;

    public SimulatedIngress(ExchangeSimulator exchange, KafkaTestBroker kafka, String topic) {
        this(exchange, kafka, topic, Source.EWS);
    }

    /**
     * @param protocol EWS: every item event with EWS ids (a move carries both ids); GRAPH: item
     *                 events with immutable ids, a move out of the calendar as "deleted" (what Graph sends)
     */
    public SimulatedIngress(ExchangeSimulator exchange, KafkaTestBroker kafka, String topic, Source protocol) {
        this.protocol = protocol;
        this.producer = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(), new ContractSerializer<>());
        this.topic = topic;
        exchange.store().addListener(this::changed);
    }

    private void changed(Mailbox mailbox, List<JournalEntry> entries) {
        for (JournalEntry entry : entries) {
            ChangeNotification hint = protocol == Source.EWS ? ews(mailbox, entry) : graph(mailbox, entry);
            if (hint == null) {
                continue;
            }
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

    private ChangeNotification ews(Mailbox mailbox, JournalEntry entry) {
        if (entry.target() == JournalEntry.Target.FOLDER) {
            return null;
        }
        ChangeType type = switch (entry.kind()) {
            case CREATED -> ChangeType.CREATED;
            case MODIFIED -> ChangeType.UPDATED;
            case DELETED -> ChangeType.DELETED;
            case MOVED -> ChangeType.MOVED;
        };
        return new ChangeNotification(SchemaVersions.CURRENT, "sim-" + ids.incrementAndGet(), Source.EWS,
                mailbox.address(), "sim-subscription", type, entry.itemId(), entry.oldItemId(), entry.changeKey(),
                Long.toString(entry.position()), null, entry.at(), Instant.now(), null);
    }

    private ChangeNotification graph(Mailbox mailbox, JournalEntry entry) {
        if (entry.target() != JournalEntry.Target.ITEM) {
            return null;
        }
        ChangeType type = switch (entry.kind()) {
            case CREATED -> ChangeType.CREATED;
            case MODIFIED -> ChangeType.UPDATED;
            case DELETED, MOVED -> ChangeType.DELETED;
        };
        return new ChangeNotification(SchemaVersions.CURRENT, "sim-" + ids.incrementAndGet(), Source.GRAPH,
                mailbox.address(), "sim-graph-subscription", type, entry.immutableId(), null, entry.changeKey(), null,
                null, null, Instant.now(), null);
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
