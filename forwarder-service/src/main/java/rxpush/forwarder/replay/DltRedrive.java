package rxpush.forwarder.replay;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import rxpush.common.kafka.RxHeaders;
import rxpush.forwarder.KafkaClients;

/**
 * {@code dlt redrive [--mailbox <address>] [--max-redrives <n>]}: puts dead letters back on the topic
 * they came from (the notifications topic), same key and bytes, without the failure headers and with
 * {@code rxpush.dlt.redrive-count} raised by one, so the forwarder tries them again (after the cause
 * is fixed). A letter redriven {@code maxRedrives} times already is left where it is. Its consumer group
 * remembers how far it got, so each letter is redriven once per run; a run for one mailbox uses a group
 * of its own and leaves the others for a later run.
 */
public final class DltRedrive {

    /** The consumer group of an unfiltered redrive. */
    public static final String GROUP = "rxpush-dlt-redrive";

    private final KafkaClients clients;
    private final String deadLetterTopic;
    private final String defaultTarget;
    private final PrintStream progress;

    /**
     * @param defaultTarget where a letter without an original-topic header goes (the notifications topic)
     */
    public DltRedrive(KafkaClients clients, String deadLetterTopic, String defaultTarget, PrintStream progress) {
        this.clients = clients;
        this.deadLetterTopic = deadLetterTopic;
        this.defaultTarget = defaultTarget;
        this.progress = progress;
    }

    public Summary run(String mailbox, int maxRedrives) {
        String group = mailbox == null ? GROUP : GROUP + "." + mailbox.toLowerCase(java.util.Locale.ROOT);
        long read = 0;
        long redriven = 0;
        long skipped = 0;
        long failed = 0;
        try (KafkaConsumer<String, byte[]> consumer = clients.groupConsumer(group, group);
                KafkaProducer<String, byte[]> producer = clients.producer(group)) {
            List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic).stream()
                    .map(p -> new TopicPartition(deadLetterTopic, p.partition())).toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            consumer.assign(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new java.util.HashSet<>(partitions));
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata at = committed.get(tp);
                if (at == null) {
                    consumer.seekToBeginning(List.of(tp));
                } else {
                    consumer.seek(tp, at.offset());
                }
            }
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> letter : consumer.poll(Duration.ofMillis(500))) {
                    if (letter.offset() >= end.get(new TopicPartition(letter.topic(), letter.partition()))) {
                        continue;
                    }
                    if (mailbox != null && !mailbox.equalsIgnoreCase(letter.key())) {
                        continue;
                    }
                    read++;
                    int count = redriveCount(letter);
                    if (count >= maxRedrives) {
                        skipped++;
                        progress.printf("dlt redrive: %s-%d@%d redriven %d times already; left in place%n",
                                letter.topic(), letter.partition(), letter.offset(), count);
                        continue;
                    }
                    sent.add(producer.send(redriven(letter, count + 1)));
                }
                producer.flush();
                for (Future<RecordMetadata> future : sent) {
                    try {
                        future.get();
                        redriven++;
                    } catch (ExecutionException e) {
                        failed++;
                        progress.printf("dlt redrive: a letter could not be written: %s%n", e.getCause().getMessage());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("redrive interrupted", e);
                    }
                }
                if (failed > 0) {
                    break; // keep the offsets where they are: the next run tries these letters again
                }
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                partitions.forEach(tp -> offsets.put(tp, new OffsetAndMetadata(Math.min(consumer.position(tp), end.get(tp)))));
                consumer.commitSync(offsets);
            }
        }
        return new Summary(read, redriven, skipped, failed);
    }

    private ProducerRecord<String, byte[]> redriven(ConsumerRecord<String, byte[]> letter, int count) {
        String target = header(letter, RxHeaders.DLT_ORIGINAL_TOPIC);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(target == null ? defaultTarget : target,
                letter.key(), letter.value());
        for (Header header : letter.headers()) {
            if (!header.key().startsWith("rxpush.dlt.")) {
                record.headers().add(header);
            }
        }
        record.headers().add(RxHeaders.DLT_REDRIVE_COUNT, Integer.toString(count).getBytes(StandardCharsets.UTF_8));
        return record;
    }

    static int redriveCount(ConsumerRecord<String, byte[]> letter) {
        String value = header(letter, RxHeaders.DLT_REDRIVE_COUNT);
        try {
            return value == null ? 0 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
