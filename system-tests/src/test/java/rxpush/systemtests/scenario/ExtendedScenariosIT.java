package rxpush.systemtests.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static rxpush.systemtests.scenario.ReliabilityReport.seconds;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import rxpush.common.kafka.Topics;
import rxpush.systemtests.rig.Instance;
import rxpush.systemtests.rig.KafkaProbe;
import rxpush.systemtests.rig.Role;

/**
 * Issue 8's longer scenarios (run with -Preliability): ResourceXpress down, replay of the whole
 * notifications topic, a rolling restart of every service, Exchange's throttling with a silently
 * dead subscription and missed notifications, and an optional soak.
 */
class ExtendedScenariosIT extends StackScenarios {

    static final Duration RX_DOWN = Duration.parse(System.getProperty("rxpush.scenario.rx-down", "PT2M"));
    static final String FORWARDER_GROUP = "rxpush-forwarder";

    @Override
    String runName() {
        return "extended";
    }

    @Test
    @Order(1)
    void resourceXpressDownThenBack() {
        simulators.startWorkload(RATE);
        simulators.rxDown(RX_DOWN);
        Instant until = Instant.now().plus(RX_DOWN);
        LongAccumulator maxLag = new LongAccumulator(Math::max, 0);
        Duration drained;
        Simulators.Verdict verdict;
        // Lag: records of rxpush.notifications the forwarder group has not committed (Kafka's view).
        try (KafkaProbe probe = stack.probe()) {
            await().atMost(RX_DOWN.plusSeconds(30)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                maxLag.accumulate(lagOf(probe));
                return Instant.now().isAfter(until);
            });
            simulators.stopWorkload();
            drained = timeUntil("lag drained", Duration.ofMinutes(5), () -> lagOf(probe) == 0);
            verdict = converge();
        }
        double deadLetters = forwarders("rxpush_forwarder_dlt_total");
        report.row("3 ResourceXpress down", "RX answers 503 for " + seconds(RX_DOWN), verdict,
                "max lag " + (long) maxLag.get() + " records, drained " + seconds(drained) + " after RX was back, dead letters "
                        + (long) deadLetters);
        assertThat(maxLag.get()).as("lag grew while RX was down").isPositive();
        assertThat(deadLetters).as("dead letters for a transient outage").isZero();
        assertNothingLostOrDuplicated(verdict);
    }

    @Test
    @Order(2)
    void replayOfTheWholeNotificationsTopic() throws Exception {
        simulators.startWorkload(RATE);
        workloadFor(Duration.ofSeconds(20));
        Simulators.Verdict before = converge();
        long appliedBefore = simulators.lastAppliedRequest();
        List<String> forwarders = stack.topology().instances(Role.FORWARDER).stream().map(Instance::name).toList();
        forwarders.forEach(stack::stop);
        long records;
        try (KafkaProbe probe = stack.probe()) {
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            probe.describe(Topics.NOTIFICATIONS).partitions().forEach(info ->
                    earliest.put(new TopicPartition(Topics.NOTIFICATIONS, info.partition()), OffsetSpec.earliest()));
            Map<TopicPartition, OffsetAndMetadata> reset = new HashMap<>();
            KafkaProbe.get(probe.admin().listOffsets(earliest).all()).forEach((partition, info) ->
                    reset.put(partition, new OffsetAndMetadata(info.offset())));
            timeUntil("the forwarder group is empty", Duration.ofMinutes(2), () -> {
                KafkaProbe.get(probe.admin().alterConsumerGroupOffsets(FORWARDER_GROUP, reset).all());
                return true;
            });
            records = lagOf(probe);
        }
        Instant restarting = Instant.now();
        stack.start(forwarders.toArray(String[]::new));
        Duration caughtUp;
        try (KafkaProbe probe = stack.probe()) {
            timeUntil("the replay caught up", Duration.ofMinutes(5), () -> lagOf(probe) == 0);
            caughtUp = Duration.between(restarting, Instant.now());
        }
        Simulators.Verdict after = simulators.verify();
        long appliedDuringReplay = simulators.lastAppliedRequest() - appliedBefore;
        report.row("6 replay of " + Topics.NOTIFICATIONS, "forwarders stopped, group offsets reset to the beginning ("
                + records + " records)", after, "forwarders started and caught up in " + seconds(caughtUp) + ", bookings applied again: "
                + appliedDuringReplay);
        assertNothingLostOrDuplicated(before);
        assertNothingLostOrDuplicated(after);
        assertThat(appliedDuringReplay).as("writes RX applied during the replay").isZero();
    }

    @Test
    @Order(3)
    void rollingRestartOfEveryService() {
        simulators.startWorkload(RATE);
        Instant started = Instant.now();
        for (Role role : List.of(Role.SUBSCRIPTION, Role.INGRESS, Role.FORWARDER)) {
            for (Instance instance : stack.topology().instances(role)) {
                stack.stop(instance.name());
                stack.start(instance.name());
            }
        }
        Duration rolling = Duration.between(started, Instant.now());
        Simulators.Verdict verdict = converge();
        report.row("7 rolling restart", "SIGTERM and start of each of the 7 service instances in turn", verdict,
                "restart of all instances took " + seconds(rolling));
        assertNothingLostOrDuplicated(verdict);
    }

    /**
     * Scenario 5: Exchange throttles (EWS ErrorServerBusy, Graph 429) throughout; one EWS room's
     * subscription dies silently; pushes and Graph notifications are lost for a while and Graph then
     * says so with a {@code missed} lifecycle event for every Graph room. The watchdog (silence past
     * status-frequency + status-grace), the watermark checks and the resyncs must restore completeness.
     */
    @Test
    @Order(4)
    void throttlingSilentDeathAndMissedNotifications() {
        String ewsRoom = "room-1@rig.contoso.com";
        List<String> graphRooms = IntStream.rangeClosed(7 - GRAPH_ROOMS, 6)
                .mapToObj(i -> "room-" + i + "@rig.contoso.com").toList();
        long throttledBefore = throttled();
        long windowReadsBefore = windowReads();
        List<String> dying = simulators.activeSubscriptions("ews", ewsRoom);
        assertThat(dying).as("room-1 has an active EWS subscription").isNotEmpty();
        simulators.exchangeFaults("{\"ewsBusyRate\":0.2,\"ewsBackOff\":\"2s\",\"graphThrottleRate\":0.2,"
                + "\"graphRetryAfter\":\"2s\"}");
        Duration replaced;
        Simulators.Verdict verdict;
        try {
            simulators.startWorkload(RATE);
            simulators.killSubscriptions("ews", ewsRoom);
            simulators.exchangeFaults("{\"dropPushRate\":0.3}");
            workloadFor(Duration.ofSeconds(20));
            simulators.exchangeFaults("{\"dropPushRate\":0.0}");
            graphRooms.forEach(room -> simulators.graphLifecycle("missed", room));
            // Silence is noticed after status-frequency + status-grace (2 min on the rig), then the
            // subscription is replaced from its last watermark.
            replaced = timeUntil("a new EWS subscription for " + ewsRoom, Duration.ofMinutes(5), () -> {
                List<String> active = simulators.activeSubscriptions("ews", ewsRoom);
                return !active.isEmpty() && !dying.containsAll(active);
            });
            verdict = converge(CONVERGE_AFTER_WATCHDOG);
        } finally {
            simulators.exchangeFaults("{\"ewsBusyRate\":0.0,\"graphThrottleRate\":0.0,\"dropPushRate\":0.0}");
        }
        long throttled = throttled() - throttledBefore;
        long windowReads = windowReads() - windowReadsBefore;
        report.row("5 throttling, silent EWS death, Graph missed", "ErrorServerBusy/429 at 20%, " + ewsRoom
                + " subscription killed silently, 30% of pushes dropped for 20 s, missed for " + graphRooms.size()
                + " Graph rooms", verdict, "EWS subscription replaced after " + seconds(replaced) + ", " + throttled
                + " throttled answers, " + windowReads + " calendar window reads (resyncs)");
        assertThat(throttled).as("Exchange throttled rx-push").isPositive();
        if (!graphRooms.isEmpty()) {
            assertThat(windowReads).as("Graph's missed event led to a resync").isPositive();
        }
        assertNothingLostOrDuplicated(verdict);
    }

    private long throttled() {
        return simulators.exchangeCount("ews.fault.ErrorServerBusy") + simulators.exchangeCount("graph.throttled");
    }

    private long windowReads() {
        return simulators.exchangeCount("graph.calendarView") + simulators.exchangeCount("graph.delta")
                + simulators.exchangeCount("ews.FindItem") + simulators.exchangeCount("ews.SyncFolderItems");
    }

    @Test
    @Order(5)
    @EnabledIfSystemProperty(named = "rxpush.soak.duration", matches = ".+")
    void soak() {
        Duration duration = Duration.parse(System.getProperty("rxpush.soak.duration"));
        Instant start = Instant.now();
        workloadFor(duration);
        Simulators.Verdict verdict = converge();
        List<Duration> freshness = simulators.freshnessSince(start);
        report.row("soak", "none, " + RATE + " changes/s for " + duration, verdict, "freshness p99 "
                + seconds(Simulators.percentile(freshness, 0.99)) + " (" + freshness.size() + " bookings)");
        assertNothingLostOrDuplicated(verdict);
    }

    private double forwarders(String metric) {
        return stack.topology().instances(Role.FORWARDER).stream().filter(f -> stack.isRunning(f.name()))
                .mapToDouble(forwarder -> Observe.metricSum(forwarder, metric)).sum();
    }

    /** Records of the notifications topic the forwarder group has not committed yet. */
    private static long lagOf(KafkaProbe probe) {
        Map<TopicPartition, OffsetAndMetadata> committed = KafkaProbe.get(
                probe.admin().listConsumerGroupOffsets(FORWARDER_GROUP).partitionsToOffsetAndMetadata());
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        probe.describe(Topics.NOTIFICATIONS).partitions().forEach(info ->
                latest.put(new TopicPartition(Topics.NOTIFICATIONS, info.partition()), OffsetSpec.latest()));
        long lag = 0;
        for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end : KafkaProbe.get(probe.admin().listOffsets(latest).all()).entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            lag += end.getValue().offset() - (done == null ? 0 : done.offset());
        }
        return lag;
    }
}
