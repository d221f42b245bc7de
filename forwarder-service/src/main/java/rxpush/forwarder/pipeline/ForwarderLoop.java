package rxpush.forwarder.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rxpush.common.contract.ChangeType;
import rxpush.forwarder.failure.ConfigurationFailure;
import rxpush.forwarder.failure.TransientFailure;

/**
 * The live forwarder: one consumer in group {@code rxpush-forwarder} on the notifications topic and
 * the policy for every failure.
 *
 * <p>The consumer thread only polls, buffers and decides; batches run on worker threads, one batch per
 * partition at a time, so a mailbox (one key, one partition) is always worked in order. The thread
 * polls every few milliseconds whatever happens, so the consumer never leaves the group:
 * <ul>
 *   <li>transient failure: the partition is paused and retried after {@link rxpush.common.retry.Backoff}
 *       (at least the server's Retry-After), for as long as it takes; its records stay pending;</li>
 *   <li>permanent failure: handled inside the batch (dead letter), the offset moves on;</li>
 *   <li>a mailbox Exchange or Graph refuses: parked ({@link ParkedMailboxes}), its records wait while the
 *       partition's other mailboxes go on;</li>
 *   <li>configuration failure (RX rejects the ApiKey, Exchange the credentials): every partition is
 *       paused, health is DOWN with the message, and the loop checks with back-off until it works;</li>
 *   <li>offsets are committed up to the lowest record not done, so nothing unfinished is committed.</li>
 * </ul>
 * Offsets are committed by this loop only (auto-commit is off).
 */
public final class ForwarderLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ForwarderLoop.class);
    private static final Duration BUSY_POLL = Duration.ofMillis(20);
    private static final Duration IDLE_POLL = Duration.ofMillis(200);

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final Forwarding forwarding;
    private final BatchProcessor processor;
    private final Executor workers;
    private final ForwarderStatus status;
    private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
    private final BlockingQueue<Runnable> events = new LinkedBlockingQueue<>();
    private final ConfigurationGate gate;
    private final OffsetCommitter committer;
    private volatile boolean running = true;

    public ForwarderLoop(Consumer<String, byte[]> consumer, String topic, Forwarding forwarding,
            BatchProcessor processor, Executor workers, ForwarderStatus status) {
        this.consumer = consumer;
        this.topic = topic;
        this.forwarding = forwarding;
        this.processor = processor;
        this.workers = workers;
        this.status = status;
        this.gate = new ConfigurationGate(forwarding, status, workers, events::add);
        this.committer = new OffsetCommitter(consumer, partitions::get);
    }

    @Override
    public void run() {
        status.running(true);
        try {
            checkCoPartitioning();
            consumer.subscribe(List.of(topic), new Rebalance());
            gate.checkRxAtStart();
            while (running) {
                poll();
                drainEvents();
                Instant now = forwarding.clock().instant();
                gate.maybeCheck(now);
                if (!gate.blocked()) {
                    dispatch(now);
                }
                applyPauses(now);
                commit(false);
                report();
            }
        } catch (WakeupException stopping) {
            // close() woke us up
        } catch (RuntimeException e) {
            log.error("Forwarder loop failed", e);
            throw e;
        } finally {
            shutdown();
            status.running(false);
        }
    }

    /**
     * Partition n of the forwarded versions holds the bookings of notifications partition n; with
     * different counts a restarted forwarder would look in the wrong place and push versions again
     * (harmless at RX, which dedupes by Idempotency-Key, but not what the topics promise).
     */
    private void checkCoPartitioning() {
        int notifications = consumer.partitionsFor(topic).size();
        int versions = forwarding.versions().partitionCount();
        if (notifications != versions) {
            log.error("{} has {} partitions but the forwarded-versions topic has {}; give them the same count "
                    + "(kafka-topics --alter --partitions) or versions RX already has will be pushed again",
                    topic, notifications, versions);
        }
    }

    /** Stops the loop: batches in flight get the revoke grace to finish, then offsets are committed. */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    private void poll() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(pollTimeout())) {
            PartitionState state = partitions.get(new TopicPartition(record.topic(), record.partition()));
            if (state != null) {
                Hint hint = Hint.of(record, forwarding.clock().instant());
                state.buffer.add(hint);
                if (hint.notification() != null && hint.notification().changeType() == ChangeType.RESYNC) {
                    // An operator's (or the subscription service's) resync: a parked mailbox is tried now.
                    processor.parked().retryNow(hint.notification().mailbox());
                }
            }
        }
    }

    private Duration pollTimeout() {
        boolean busy = partitions.values().stream().anyMatch(s -> s.inFlight != null || !s.buffer.isEmpty());
        return busy || !events.isEmpty() ? BUSY_POLL : IDLE_POLL;
    }

    private void drainEvents() {
        Runnable event;
        while ((event = events.poll()) != null) {
            event.run();
        }
    }

    private void dispatch(Instant now) {
        for (PartitionState state : partitions.values()) {
            if (!state.loaded || state.inFlight != null || state.backingOff(now)) {
                continue;
            }
            List<Hint> batch = state.buffer.takeReady(now, forwarding.settings().debounce(), forwarding.settings().maxBatch(),
                    mailbox -> processor.parked().held(mailbox, now));
            if (batch.isEmpty()) {
                continue;
            }
            state.cancel = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.atomic.AtomicBoolean cancel = state.cancel;
            CompletableFuture<BatchResult> future = CompletableFuture.supplyAsync(
                    () -> processor.process(batch, cancel::get), workers);
            state.inFlight = future;
            future.whenComplete((result, error) -> events.add(() -> completed(state, future, result, error)));
        }
    }

    /** Applies a finished batch; runs on the loop thread (from the event queue or a revocation). */
    private void completed(PartitionState state, CompletableFuture<BatchResult> future, BatchResult result,
            Throwable error) {
        if (state.inFlight != future || partitions.get(state.partition) != state) {
            return; // already applied, or the partition is gone
        }
        state.inFlight = null;
        BatchResult outcome = error == null ? result : new BatchResult(Set.of(), unwrap(error));
        state.buffer.done(outcome.done());
        RuntimeException failure = outcome.failure();
        Instant now = forwarding.clock().instant();
        if (failure == null) {
            state.attempts = 0;
            state.retryAt = null;
            gate.workedAgain();
        } else if (failure instanceof ConfigurationFailure configuration) {
            gate.block(configuration, now);
        } else if (failure instanceof CancellationException) {
            log.debug("Batch of {} given up: {}", state.partition, failure.getMessage());
        } else {
            Duration wait = forwarding.settings().backoff().delay(state.attempts++,
                    failure instanceof TransientFailure t ? t.retryAfter().orElse(null) : null);
            state.retryAt = now.plus(wait);
            status.transientFailure(failure.getMessage());
            log.warn("{} paused for {} ms after a transient failure (attempt {}): {}", state.partition, wait.toMillis(),
                    state.attempts, failure.getMessage());
        }
    }

    private static RuntimeException unwrap(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        return cause instanceof RuntimeException runtime ? runtime
                : new TransientFailure("batch failed: " + cause, cause);
    }

    private void applyPauses(Instant now) {
        PartitionControl.applyPauses(consumer, partitions.values(), now, gate.blocked(),
                forwarding.settings().maxBuffered());
    }

    private void commit(boolean sync) {
        committer.commit(partitions.values(), sync);
    }

    private void report() {
        PartitionControl.report(consumer, partitions.values(), forwarding, status);
        status.parked(processor.parked().snapshot());
    }

    private void shutdown() {
        try {
            finishInFlight(partitions.values());
            commit(true);
        } finally {
            consumer.close();
        }
    }

    /** Waits (up to the revoke grace) for the batches of these partitions and applies their results. */
    private void finishInFlight(Collection<PartitionState> states) {
        long deadline = System.nanoTime() + forwarding.settings().revokeGrace().toNanos();
        for (PartitionState state : new ArrayList<>(states)) {
            CompletableFuture<BatchResult> future = state.inFlight;
            if (future == null) {
                continue;
            }
            try {
                BatchResult result = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                completed(state, future, result, null);
            } catch (TimeoutException e) {
                state.cancel.set(true);
                log.warn("Batch of {} still running after {}; giving it up uncommitted", state.partition,
                        forwarding.settings().revokeGrace());
            } catch (java.util.concurrent.ExecutionException e) {
                completed(state, future, null, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void loadVersions(PartitionState state) {
        CompletableFuture.runAsync(() -> forwarding.versions().load(state.partition.partition()), workers)
                .whenComplete((ignored, error) -> events.add(() -> {
                    if (partitions.get(state.partition) != state) {
                        return;
                    }
                    if (error == null) {
                        state.loaded = true;
                    } else {
                        log.warn("Loading forwarded versions of {} failed, retrying: {}", state.partition,
                                error.getMessage());
                        loadVersions(state);
                    }
                }));
    }

    /** Runs inside poll(), on the loop thread. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            if (assigned.isEmpty()) {
                return;
            }
            log.info("Assigned {}", assigned);
            status.assigned();
            for (TopicPartition tp : assigned) {
                PartitionState state = new PartitionState(tp);
                partitions.put(tp, state);
                loadVersions(state);
            }
            consumer.pause(assigned);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            if (revoked.isEmpty()) {
                return;
            }
            log.info("Revoked {}", revoked);
            List<PartitionState> states = revoked.stream().map(partitions::get).filter(s -> s != null).toList();
            finishInFlight(states);
            committer.commit(states, true);
            forget(revoked);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            log.warn("Lost {} without a clean hand-over; their records will be read again", lost);
            lost.stream().map(partitions::get).filter(s -> s != null).forEach(s -> s.cancel.set(true));
            forget(lost);
        }

        private void forget(Collection<TopicPartition> gone) {
            for (TopicPartition tp : gone) {
                partitions.remove(tp);
                forwarding.versions().drop(tp.partition());
            }
        }
    }
}
