package rxpush.subscription.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import rxpush.testsupport.KafkaBrokerExtension;
import rxpush.testsupport.KafkaTestBroker;
import rxpush.testsupport.WithKafka;

/** The forwarder group's lag read from the brokers: with no forwarder running, and after it committed. */
@WithKafka
class ForwarderGroupLagIT {

    @Test
    void lagIsLogEndMinusCommittedPerPartitionEvenWithNoConsumerRunning() throws Exception {
        KafkaTestBroker broker = KafkaBrokerExtension.shared();
        String topic = KafkaTestBroker.unique("lag-notifications");
        String group = KafkaTestBroker.unique("lag-forwarder");
        broker.createTopics(2, topic);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(broker.producerProperties())) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic, 0, null, new byte[] {1})).get();
            }
            for (int i = 0; i < 2; i++) {
                producer.send(new ProducerRecord<>(topic, 1, null, new byte[] {1})).get();
            }
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Admin admin = Admin.create(broker.adminProperties())) {
            ForwarderGroupLag lag = new ForwarderGroupLag(admin, group, topic, Duration.ofSeconds(30), Clock.systemUTC())
                    .register(registry);
            assertThat(registry.get("rxpush.forwarder.group.lag").gauge().value()).isNaN();

            lag.refresh();
            // The group never committed: everything on the topic is lag, although no consumer exists.
            assertThat(lag.total()).isEqualTo(7);
            assertThat(lag.partition(0)).isEqualTo(5);
            assertThat(lag.partition(1)).isEqualTo(2);
            assertThat(registry.get("rxpush.forwarder.group.lag").tag("group", group).gauge().value()).isEqualTo(7.0);

            try (KafkaConsumer<byte[], byte[]> forwarder = new KafkaConsumer<>(broker.consumerProperties(group))) {
                forwarder.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(3),
                        new TopicPartition(topic, 1), new OffsetAndMetadata(2)));
            }
            lag.refresh();
            assertThat(lag.total()).isEqualTo(2);
            assertThat(lag.partition(0)).isEqualTo(2);
            assertThat(lag.partition(1)).isZero();
            assertThat(registry.get("rxpush.forwarder.group.lag.age").gauge().value()).isBetween(0.0, 30.0);
        }
    }

    @Test
    void aFailedFirstReadReportsNoValue() throws Exception {
        KafkaTestBroker broker = KafkaBrokerExtension.shared();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Admin admin = Admin.create(broker.adminProperties())) {
            ForwarderGroupLag lag = new ForwarderGroupLag(admin, "g", KafkaTestBroker.unique("no-such-topic"),
                    Duration.ofSeconds(5), Clock.systemUTC()).register(registry);
            lag.refresh();
            assertThat(lag.measuredAt()).isNull();
            assertThat(registry.get("rxpush.forwarder.group.lag").gauge().value()).isNaN();
        }
    }
}
