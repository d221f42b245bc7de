package rxpush.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.ChangeType;
import rxpush.common.contract.SchemaVersions;
import rxpush.common.contract.Source;
import rxpush.testsupport.KafkaTestBroker;
import rxpush.testsupport.WithKafka;

/** A ChangeNotification survives a real broker: same record, keyed by mailbox, on the mailbox's partition. */
@WithKafka
class ChangeNotificationRoundTripIT {

    @Test
    void publishesAndReadsBackAChangeNotification(KafkaTestBroker kafka) {
        String topic = KafkaTestBroker.unique("notifications");
        kafka.createTopics(6, topic);
        ChangeNotification sent = new ChangeNotification(SchemaVersions.CURRENT, "n-1", Source.GRAPH, "room.7@contoso.com",
                "sub-1", ChangeType.UPDATED, "AAMkAG7", null, "W/\"DwAAABYAAAA\"", null, null,
                Instant.parse("2026-11-25T09:00:00Z"), Instant.parse("2026-11-25T09:00:01Z"), null);

        Map<String, Object> producerProps = kafka.producerProperties();
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        RecordMetadata written;
        try (KafkaProducer<String, ChangeNotification> producer =
                new KafkaProducer<>(producerProps, new StringSerializer(), new ContractSerializer<>())) {
            written = producer.send(new ProducerRecord<>(topic, sent.key(), sent)).get();
        } catch (Exception e) {
            throw new AssertionError("the broker did not acknowledge", e);
        }
        assertThat(written.partition()).isEqualTo(Partitions.forMailbox(sent.mailbox(), 6));

        Map<String, Object> consumerProps = kafka.consumerProperties(KafkaTestBroker.unique("group"));
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, ChangeNotification>> received = new ArrayList<>();
        try (KafkaConsumer<String, ChangeNotification> consumer = new KafkaConsumer<>(consumerProps,
                new StringDeserializer(), new ContractDeserializer<>(ChangeNotification.class))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }
        assertThat(received).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("room.7@contoso.com");
            assertThat(record.value()).isEqualTo(sent);
        });
    }
}
