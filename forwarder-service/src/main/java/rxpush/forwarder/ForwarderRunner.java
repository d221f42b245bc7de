package rxpush.forwarder;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import rxpush.forwarder.pipeline.ForwarderLoop;

/** Runs the consumer loop on a thread of its own for the lifetime of the application context. */
final class ForwarderRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ForwarderRunner.class);

    private final java.util.function.Supplier<ForwarderLoop> loops;
    private final Duration stopTimeout;
    private ForwarderLoop loop;
    private Thread thread;

    ForwarderRunner(java.util.function.Supplier<ForwarderLoop> loops, Duration stopTimeout) {
        this.loops = loops;
        this.stopTimeout = stopTimeout;
    }

    @Override
    public synchronized void start() {
        loop = loops.get();
        thread = Thread.ofPlatform().name("rxpush-forwarder-loop").start(loop);
    }

    @Override
    public synchronized void stop() {
        if (loop == null) {
            return;
        }
        loop.stop();
        try {
            if (!thread.join(stopTimeout.plusSeconds(10))) {
                log.warn("The forwarder loop did not stop within {}", stopTimeout.plusSeconds(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loop = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return loop != null;
    }
}
