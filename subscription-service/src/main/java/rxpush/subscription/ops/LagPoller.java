package rxpush.subscription.ops;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.context.SmartLifecycle;

/** Reads the forwarder group's lag every interval on a thread of its own, and closes its Admin client at stop. */
final class LagPoller implements SmartLifecycle {

    private final ForwarderGroupLag lag;
    private final Admin admin;
    private final Duration interval;
    private ScheduledExecutorService timer;

    LagPoller(ForwarderGroupLag lag, Admin admin, Duration interval) {
        this.lag = lag;
        this.admin = admin;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("forwarder-lag").daemon().factory());
        timer.scheduleWithFixedDelay(lag::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        admin.close(Duration.ofSeconds(2));
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
