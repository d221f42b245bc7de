package rxpush.subscription.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import rxpush.common.contract.Protocol;

/** The dispatcher's bounds, and that no due work is ever left behind under real concurrency. */
class DispatcherTest {

    /**
     * Many virtual threads finishing at once while the timer hands out budgeted work: a lost wake-up
     * (the race this guards against once stalled a 100,000-mailbox run) would leave entries queued.
     */
    @Test
    void everyDueEntryRunsUnderConcurrency() {
        int count = 20_000;
        Set<String> ran = ConcurrentHashMap.newKeySet();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        AtomicReference<Dispatcher> ref = new AtomicReference<>();
        try (ExecutorScheduler scheduler = new ExecutorScheduler(Clock.systemUTC())) {
            Dispatcher dispatcher = new Dispatcher(scheduler, Executors.newVirtualThreadPerTaskExecutor(), 16, 5_000, 5_000,
                    (mailbox, request) -> {
                        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                        Thread.yield();
                        ran.add(mailbox);
                        inFlight.decrementAndGet();
                        ref.get().finished();
                    });
            ref.set(dispatcher);
            Instant now = Instant.now();
            for (int i = 0; i < count; i++) {
                dispatcher.due("m" + i, i % 2 == 0 ? Protocol.EWS : Protocol.GRAPH, now, true);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> ran.size() == count);
            assertThat(maxInFlight.get()).isLessThanOrEqualTo(16);
            assertThat(dispatcher.queued()).isZero();
        }
    }

    @Test
    void aPausedProtocolWaitsWhileTheOtherGoesOn() {
        ManualScheduler scheduler = new ManualScheduler(Instant.parse("2026-11-02T08:00:00Z"));
        List<String> ran = new ArrayList<>();
        AtomicReference<Dispatcher> ref = new AtomicReference<>();
        Dispatcher dispatcher = new Dispatcher(scheduler, Runnable::run, 4, 10, 10, (mailbox, request) -> {
            ran.add(mailbox);
            ref.get().finished();
        });
        ref.set(dispatcher);
        dispatcher.pause(Protocol.GRAPH, scheduler.now().plusSeconds(30));
        dispatcher.due("graph", Protocol.GRAPH, scheduler.now(), true);
        dispatcher.due("ews", Protocol.EWS, scheduler.now(), true);
        assertThat(ran).containsExactly("ews");
        scheduler.advance(Duration.ofSeconds(29));
        assertThat(ran).containsExactly("ews");
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(ran).containsExactly("ews", "graph");
    }

    @Test
    void checksCostNoBudget() {
        ManualScheduler scheduler = new ManualScheduler(Instant.parse("2026-11-02T08:00:00Z"));
        List<String> ran = new ArrayList<>();
        AtomicReference<Dispatcher> ref = new AtomicReference<>();
        Dispatcher dispatcher = new Dispatcher(scheduler, Runnable::run, 4, 1, 1, (mailbox, request) -> {
            ran.add(mailbox + (request ? " request" : " check"));
            ref.get().finished();
        });
        ref.set(dispatcher);
        for (int i = 0; i < 5; i++) {
            dispatcher.due("c" + i, Protocol.EWS, scheduler.now(), false);
        }
        dispatcher.due("r0", Protocol.EWS, scheduler.now(), true);
        dispatcher.due("r1", Protocol.EWS, scheduler.now(), true);
        assertThat(ran).hasSize(6).contains("r0 request").doesNotContain("r1 request");
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(ran).contains("r1 request");
    }
}
