package rxpush.ingress.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads every partition of one topic in a background thread, without a consumer group: every
 * ingress instance needs the whole topic (it is a view, not a work queue), so partitions are
 * assigned manually and nothing is committed.
 *
 * <p>At start the follower captures the topic's end offsets; {@link #caughtUp()} turns true once
 * it has read up to them. Records are handed over as raw bytes so that one bad record is skipped
 * (by the handler) instead of stopping the thread. Only committed records are read
 * ({@code read_committed}): the subscription service writes through transactions.
 */
public class TopicFollower implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TopicFollower.class);
    private static final Duration POLL = Duration.ofMillis(200);

    /** Where a follower starts reading. */
    public interface StartPosition {
        /** Positions the consumer on its assigned partitions. */
        void seek(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions);

        /** From the first retained record. */
        static StartPosition beginning() {
            return (consumer, partitions) -> consumer.seekToBeginning(partitions);
        }

        /** From the first record written at or after {@code now - lookback}; the end if none. */
        static StartPosition since(java.time.Clock clock, Duration lookback) {
            return (consumer, partitions) -> {
                long from = clock.millis() - lookback.toMillis();
                Map<TopicPartition, Long> query = new HashMap<>();
                partitions.forEach(p -> query.put(p, from));
                var offsets = consumer.offsetsForTimes(query);
                consumer.seekToEnd(partitions);
                offsets.forEach((partition, found) -> {
                    if (found != null) {
                        consumer.seek(partition, found.offset());
                    }
                });
            };
        }
    }

    private final String topic;
    private final Map<String, Object> consumerProperties;
    private final StartPosition start;
    private final Consumer<ConsumerRecord<String, byte[]>> handler;
    private final Runnable onCaughtUp;
    private volatile boolean running;
    private volatile boolean caughtUp;
    private volatile KafkaConsumer<String, byte[]> consumer;
    /** Next offset per partition, so that a restart after a failure resumes instead of replaying. */
    private final Map<TopicPartition, Long> resumeAt = new HashMap<>();
    private Thread thread;

    /**
     * @param topic              the topic to follow
     * @param baseProperties     connection settings (bootstrap servers, security); group and
     *                           deserializer settings are overridden
     * @param clientId           the consumer's client.id, for broker-side logs and quotas
     * @param start              where to start reading
     * @param handler            called for each record on the follower's thread; must not throw
     * @param onCaughtUp         called once, on the follower's thread, when the end offsets captured
     *                           at start have been reached
     */
    public TopicFollower(String topic, Map<String, Object> baseProperties, String clientId, StartPosition start,
            Consumer<ConsumerRecord<String, byte[]>> handler, Runnable onCaughtUp) {
        this.topic = topic;
        this.start = start;
        this.handler = handler;
        this.onCaughtUp = onCaughtUp;
        Map<String, Object> props = new HashMap<>(baseProperties);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Never create the topic with broker defaults: TopicDeclarations creates it properly.
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.consumerProperties = props;
    }

    /** True once the records present at start-up have all been handed to the handler. */
    public boolean caughtUp() {
        return caughtUp;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("follow-" + topic).daemon().start(this::run);
    }

    @Override
    public void stop() {
        Thread current;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            current = thread;
        }
        KafkaConsumer<String, byte[]> active = consumer;
        if (active != null) {
            active.wakeup();
        }
        try {
            current.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Early: started before the web server takes requests, stopped only after its graceful
     * shutdown has let the last requests finish.
     */
    @Override
    public int getPhase() {
        return 0;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerProperties)) {
                consumer = kafka;
                follow(kafka);
            } catch (WakeupException e) {
                // stop() woke the consumer up
            } catch (RuntimeException e) {
                // Topic deleted, auth failure, ...: reconnect after a pause and resume where we were.
                log.warn("Following {} failed ({}); starting over", topic, e.toString());
                pause(Duration.ofSeconds(2));
            } finally {
                consumer = null;
            }
        }
    }

    private void follow(KafkaConsumer<String, byte[]> kafka) {
        List<TopicPartition> partitions = waitForPartitions(kafka);
        if (partitions.isEmpty()) {
            return;
        }
        kafka.assign(partitions);
        List<TopicPartition> fresh = partitions.stream().filter(p -> !resumeAt.containsKey(p)).toList();
        if (!fresh.isEmpty()) {
            start.seek(kafka, fresh);
        }
        partitions.stream().filter(resumeAt::containsKey).forEach(p -> kafka.seek(p, resumeAt.get(p)));
        Map<TopicPartition, Long> target = kafka.endOffsets(partitions);
        while (running) {
            ConsumerRecords<String, byte[]> records = kafka.poll(POLL);
            for (ConsumerRecord<String, byte[]> record : records) {
                handler.accept(record);
                resumeAt.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
            }
            if (!caughtUp && target.entrySet().stream().allMatch(e -> kafka.position(e.getKey()) >= e.getValue())) {
                caughtUp = true;
                log.info("Caught up with {} ({} partitions)", topic, partitions.size());
                onCaughtUp.run();
            }
        }
    }

    /** The topic's partitions; waits while it does not exist yet (another service creates it). */
    private List<TopicPartition> waitForPartitions(KafkaConsumer<String, byte[]> kafka) {
        while (running) {
            List<PartitionInfo> infos = kafka.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            log.info("Topic {} does not exist yet; waiting", topic);
            pause(Duration.ofSeconds(1));
        }
        return List.of();
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
