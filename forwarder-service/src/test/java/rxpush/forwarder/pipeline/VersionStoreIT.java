package rxpush.forwarder.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rxpush.common.contract.BookingIds;
import rxpush.common.contract.ForwardedVersion;
import rxpush.common.contract.SchemaVersions;
import rxpush.testsupport.KafkaTestBroker;
import rxpush.testsupport.WithKafka;

/**
 * The version store's series index on a real broker: what one instance writes, the next owner of
 * the partition loads, tombstones and deletions taken out, and forgets when it drops the partition.
 */
@WithKafka
class VersionStoreIT {

    private static final String ROOM = "room.1@contoso.com";

    private KafkaTestBroker kafka;
    private String topic;
    private Producer<String, byte[]> producer;

    @BeforeEach
    void start(KafkaTestBroker broker) {
        kafka = broker;
        topic = KafkaTestBroker.unique("versions");
        kafka.createTopics(1, topic);
        Map<String, Object> props = kafka.producerProperties();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer = new KafkaProducer<>(props);
    }

    @AfterEach
    void stop() {
        producer.close();
    }

    private VersionStore store() {
        return new VersionStore(topic, producer, () -> {
            Map<String, Object> props = kafka.consumerProperties(KafkaTestBroker.unique("loader"));
            props.remove(ConsumerConfig.GROUP_ID_CONFIG);
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            return new KafkaConsumer<>(props);
        });
    }

    private static ForwardedVersion version(String itemId, String masterItemId, boolean deleted) {
        return new ForwardedVersion(SchemaVersions.CURRENT, BookingIds.bookingId(ROOM, itemId), ROOM, itemId, "ck",
                Instant.parse("2026-11-25T09:00:00Z"), deleted, "ik-" + itemId + deleted,
                Instant.parse("2026-11-25T09:00:01Z"), masterItemId == null ? null : BookingIds.bookingId(ROOM, masterItemId));
    }

    private static List<String> occurrencesOf(VersionStore store, String masterItemId) {
        return store.occurrencesOf(BookingIds.bookingId(ROOM, masterItemId)).stream().map(ForwardedVersion::itemId)
                .sorted().toList();
    }

    @Test
    void theNextOwnerLoadsTheSeriesIndexWithoutTombstonesAndDeletions() throws Exception {
        VersionStore first = store();
        for (ForwardedVersion v : List.of(version("master", null, false), version("occ-1", "master", false),
                version("occ-2", "master", false), version("occ-3", "master", false))) {
            first.write(v).get();
        }
        assertThat(occurrencesOf(first, "master")).containsExactly("occ-1", "occ-2", "occ-3");
        first.write(version("occ-3", "master", true)).get();
        producer.send(new ProducerRecord<>(topic, 0, BookingIds.bookingId(ROOM, "occ-2"), null)).get();
        assertThat(occurrencesOf(first, "master")).as("a deletion leaves the index at once")
                .containsExactly("occ-1", "occ-2");

        VersionStore next = store();
        next.load(0);

        assertThat(occurrencesOf(next, "master")).containsExactly("occ-1");
        assertThat(occurrencesOf(next, "occ-1")).isEmpty();
        next.drop(0);
        assertThat(occurrencesOf(next, "master")).isEmpty();
    }
}
