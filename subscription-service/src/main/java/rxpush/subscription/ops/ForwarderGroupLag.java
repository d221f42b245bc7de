package rxpush.subscription.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live forwarders' lag as the brokers see it: per partition of the notifications topic, its log end
 * offset minus the offset the forwarder group committed (or minus the log start when the group never
 * committed there). Measured here rather than by the forwarders themselves, so the lag is still
 * reported, and still grows, when every forwarder is down. Every subscription instance reports the same
 * value; dashboards take the max.
 *
 * <p>{@link #refresh()} is called on a timer; a failed read keeps the last measurement and marks it as
 * stale ({@code rxpush_forwarder_group_lag_age_seconds} keeps growing).
 */
public final class ForwarderGroupLag {

    private static final Logger log = LoggerFactory.getLogger(ForwarderGroupLag.class);

    private final Admin admin;
    private final String group;
    private final String topic;
    private final Duration timeout;
    private final Clock clock;
    private volatile Map<Integer, Long> byPartition = Map.of();
    private volatile Instant measuredAt;
    private volatile String lastFailure;

    public ForwarderGroupLag(Admin admin, String group, String topic, Duration timeout, Clock clock) {
        this.admin = admin;
        this.group = group;
        this.topic = topic;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Registers {@code rxpush.forwarder.group.lag} (records) and its age (seconds since the last good read). */
    public ForwarderGroupLag register(MeterRegistry registry) {
        Gauge.builder("rxpush.forwarder.group.lag", this, l -> l.measuredAt == null ? Double.NaN : l.total())
                .description("records of the notifications topic the forwarder group has not committed, from the brokers")
                .tag("group", group).register(registry);
        Gauge.builder("rxpush.forwarder.group.lag.age", this, ForwarderGroupLag::ageSeconds)
                .description("seconds since the forwarder group's lag was last read from the brokers")
                .baseUnit("seconds").tag("group", group).register(registry);
        return this;
    }

    /** Reads the committed offsets and the log start and end offsets; keeps the last value on failure. */
    public void refresh() {
        try {
            TopicDescription description = admin.describeTopics(java.util.List.of(topic)).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            description.partitions().forEach(p -> {
                latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
                earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
            });
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<Integer, Long> lag = new HashMap<>();
            ends.forEach((tp, end) -> {
                OffsetAndMetadata done = committed.get(tp);
                long from = done != null ? done.offset() : starts.get(tp).offset();
                lag.put(tp.partition(), Math.max(0, end.offset() - from));
            });
            byPartition = Map.copyOf(lag);
            measuredAt = clock.instant();
            if (lastFailure != null) {
                log.info("Reading the lag of group {} works again", group);
                lastFailure = null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            String failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            if (!failure.equals(lastFailure)) {
                log.warn("Could not read the lag of group {} on {} ({}); keeping the last value", group, topic, failure);
            }
            lastFailure = failure;
        }
    }

    Admin admin() {
        return admin;
    }

    /** Total records not yet committed by the group (0 before the first read). */
    public long total() {
        return byPartition.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The lag of one partition, or -1 when unknown. */
    public long partition(int partition) {
        return byPartition.getOrDefault(partition, -1L);
    }

    /** How many partitions the topic has, as last read (0 before the first read). */
    public int partitions() {
        return byPartition.size();
    }

    /** When the lag was last read, or null. */
    public Instant measuredAt() {
        return measuredAt;
    }

    private double ageSeconds() {
        Instant at = measuredAt;
        return at == null ? Double.NaN : Duration.between(at, clock.instant()).toMillis() / 1000d;
    }
}
