package rxpush.forwarder.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rxpush.common.kafka.FailureStage;
import rxpush.forwarder.failure.ConfigurationFailure;
import rxpush.forwarder.failure.MailboxRefused;
import rxpush.forwarder.failure.TransientFailure;

/**
 * Processes a batch of one partition's records: unreadable records are dead-lettered, the rest are
 * grouped by mailbox and the mailboxes worked on in parallel (at most {@code concurrency} at once in
 * this instance), each mailbox in offset order. A mailbox that fails transiently or on configuration
 * leaves all its records pending; the others finish. A mailbox Exchange or Graph refuses
 * ({@link MailboxRefused}) is parked: its records stay pending without failing the batch, so the
 * partition's other mailboxes keep flowing (see {@link ParkedMailboxes}).
 */
public final class BatchProcessor {

    private static final Logger log = LoggerFactory.getLogger(BatchProcessor.class);

    private final Forwarding forwarding;
    private final Executor executor;
    private final Semaphore mailboxes;
    private final ParkedMailboxes parked;

    public BatchProcessor(Forwarding forwarding, Executor executor) {
        this.forwarding = forwarding;
        this.executor = executor;
        this.mailboxes = new Semaphore(forwarding.settings().concurrency());
        this.parked = new ParkedMailboxes(forwarding.settings().parkedRetry(), forwarding.clock(), forwarding.metrics());
    }

    /** The mailboxes parked by this processor's batches (live loop only). */
    ParkedMailboxes parked() {
        return parked;
    }

    /**
     * Processes records outside the live loop (replay): same coalescing, skipping and dead-lettering.
     * Records are offered in offset order; the result names the offsets that are done.
     */
    public BatchResult process(List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> records) {
        java.time.Instant now = forwarding.clock().instant();
        return process(records.stream().map(record -> Hint.of(record, now)).toList(), () -> false, false);
    }

    BatchResult process(List<Hint> batch, BooleanSupplier cancelled) {
        return process(batch, cancelled, true);
    }

    /** {@code live}: park refused mailboxes; outside the loop (replay) a refusal fails the batch instead. */
    private BatchResult process(List<Hint> batch, BooleanSupplier cancelled, boolean live) {
        forwarding.metrics().read(batch.size());
        Map<String, Boolean> registered = new HashMap<>();
        try {
            for (Hint hint : batch) {
                if (hint.notification() != null) {
                    registered.computeIfAbsent(hint.notification().mailbox(), forwarding.mailboxes()::contains);
                }
            }
        } catch (TransientFailure e) {
            // Before anything is done: the whole batch is retried once the registry can be read.
            return new BatchResult(Set.of(), e);
        }
        Set<Long> done = new HashSet<>();
        List<CompletableFuture<Void>> letters = new ArrayList<>();
        Map<String, List<Hint>> byMailbox = new LinkedHashMap<>();
        int unregistered = 0;
        for (Hint hint : batch) {
            if (hint.notification() == null) {
                log.warn("Dead-lettering unreadable record {}-{}@{}: {}", hint.record().topic(), hint.record().partition(),
                        hint.offset(), hint.decodeError().getMessage());
                forwarding.metrics().deadLettered(FailureStage.DESERIALIZE);
                letters.add(forwarding.deadLetters().send(hint.record(), FailureStage.DESERIALIZE, hint.decodeError()));
                done.add(hint.offset());
            } else if (!registered.get(hint.notification().mailbox())) {
                forwarding.metrics().unregistered();
                done.add(hint.offset());
                unregistered++;
            } else {
                byMailbox.computeIfAbsent(hint.notification().mailbox(), m -> new ArrayList<>()).add(hint);
            }
        }
        if (unregistered > 0) {
            log.warn("Dropped {} records for mailboxes the registry does not hold (rxpush_forwarder_unregistered_total)",
                    unregistered);
        }
        Map<String, CompletableFuture<Void>> work = new LinkedHashMap<>();
        byMailbox.forEach((mailbox, hints) ->
                work.put(mailbox, CompletableFuture.runAsync(() -> runMailbox(mailbox, hints, cancelled), executor)));
        RuntimeException failure = null;
        try {
            CompletableFuture.allOf(letters.toArray(CompletableFuture[]::new)).get();
        } catch (ExecutionException e) {
            done.clear();
            failure = new TransientFailure("cannot write dead letters: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new BatchResult(Set.of(), new CancellationException("interrupted"));
        }
        for (Map.Entry<String, CompletableFuture<Void>> entry : work.entrySet()) {
            try {
                entry.getValue().join();
                byMailbox.get(entry.getKey()).forEach(hint -> done.add(hint.offset()));
                if (live) {
                    parked.worked(entry.getKey());
                }
            } catch (java.util.concurrent.CompletionException e) {
                if (live && e.getCause() instanceof MailboxRefused refused) {
                    parked.park(refused);
                    continue;
                }
                failure = worse(failure, classify(entry.getKey(), e.getCause()));
            }
        }
        return new BatchResult(done, failure);
    }

    private void runMailbox(String mailbox, List<Hint> hints, BooleanSupplier cancelled) {
        mailboxes.acquireUninterruptibly();
        try (RecordContext logged = RecordContext.of(mailbox, hints)) {
            List<CompletableFuture<Void>> writes = new MailboxWork(forwarding, mailbox, hints, cancelled).run();
            try {
                CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
            } catch (java.util.concurrent.CompletionException e) {
                // A forwarded version or a dead letter Kafka did not take: Kafka is away for now.
                throw new TransientFailure("cannot write to Kafka for " + mailbox + ": " + e.getCause().getMessage(),
                        e.getCause());
            }
        } finally {
            mailboxes.release();
        }
    }

    private static RuntimeException classify(String mailbox, Throwable failure) {
        if (failure instanceof TransientFailure || failure instanceof ConfigurationFailure
                || failure instanceof CancellationException) {
            return (RuntimeException) failure;
        }
        if (failure instanceof MailboxRefused refused) {
            return new TransientFailure(refused.getMessage(), refused);
        }
        // A bug or an answer nobody foresaw: keep the records and retry, loudly, rather than lose them.
        log.error("Unexpected failure while forwarding mailbox {}; its records stay pending", mailbox, failure);
        return new TransientFailure("unexpected " + failure.getClass().getSimpleName() + " for " + mailbox, failure);
    }

    /** A configuration failure outranks a transient one; between transient ones the longer wait wins. */
    private static RuntimeException worse(RuntimeException current, RuntimeException next) {
        if (current == null || next instanceof ConfigurationFailure) {
            return next;
        }
        if (current instanceof ConfigurationFailure) {
            return current;
        }
        if (current instanceof TransientFailure a && next instanceof TransientFailure b) {
            return b.retryAfter().orElse(java.time.Duration.ZERO)
                    .compareTo(a.retryAfter().orElse(java.time.Duration.ZERO)) > 0 ? b : a;
        }
        return current;
    }
}
