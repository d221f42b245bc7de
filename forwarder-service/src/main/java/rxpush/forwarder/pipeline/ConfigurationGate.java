package rxpush.forwarder.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rxpush.forwarder.failure.ConfigurationFailure;
import rxpush.forwarder.failure.TransientFailure;

/**
 * Stops the forwarder while ResourceXpress or Exchange rejects its credentials, and lets it go again
 * once they work. While blocked no batch starts (so nothing more is committed) and health is DOWN with
 * the failure's message. Whether the problem is fixed is checked with back-off: for RX by
 * {@code GET /health} with the key (no write is risked), for Exchange by letting the pending work try
 * again (health stays DOWN until a batch succeeds). Used by the loop thread only; checks run on
 * workers and report back through the loop's event queue.
 */
final class ConfigurationGate {

    private static final Logger log = LoggerFactory.getLogger(ConfigurationGate.class);

    private final Forwarding forwarding;
    private final ForwarderStatus status;
    private final Executor workers;
    private final Consumer<Runnable> loopEvents;
    private ConfigurationFailure failure;
    private boolean blocked;
    private boolean checking;
    private Instant checkAt;
    private int attempts;

    ConfigurationGate(Forwarding forwarding, ForwarderStatus status, Executor workers, Consumer<Runnable> loopEvents) {
        this.forwarding = forwarding;
        this.status = status;
        this.workers = workers;
        this.loopEvents = loopEvents;
    }

    boolean blocked() {
        return blocked;
    }

    /** Checks the ApiKey once at start, so a wrong key shows in health before the first record. */
    void checkRxAtStart() {
        checking = true;
        CompletableFuture.runAsync(forwarding.rx()::checkKey, workers).whenComplete((ok, error) -> loopEvents.accept(() -> {
            checking = false;
            if (error != null && error.getCause() instanceof ConfigurationFailure rejected) {
                block(rejected, forwarding.clock().instant());
            } else if (error != null) {
                log.warn("ResourceXpress at {} did not answer the start-up check: {}", forwarding.rx().tenantUrl(),
                        error.getCause() == null ? error : error.getCause().getMessage());
            }
        }));
    }

    void block(ConfigurationFailure rejected, Instant now) {
        if (failure == null || !failure.getMessage().equals(rejected.getMessage())) {
            log.error("Forwarding stopped, nothing more is committed until this is fixed: {}", rejected.getMessage());
        }
        failure = rejected;
        blocked = true;
        status.blocked(rejected.component(), rejected.getMessage());
        Duration wait = forwarding.settings().backoff().delay(attempts++);
        checkAt = now.plus(wait);
    }

    /** Starts a check when one is due. */
    void maybeCheck(Instant now) {
        if (!blocked || checking || now.isBefore(checkAt)) {
            return;
        }
        if (failure.component() == ConfigurationFailure.Component.EXCHANGE) {
            // Let the pending work try again; health stays DOWN until a batch succeeds.
            blocked = false;
            return;
        }
        checking = true;
        CompletableFuture.runAsync(forwarding.rx()::checkKey, workers).whenComplete((ok, error) -> loopEvents.accept(() -> {
            checking = false;
            Throwable cause = error == null ? null : error.getCause();
            if (cause == null) {
                log.info("ResourceXpress at {} accepts the ApiKey again; forwarding resumes", forwarding.rx().tenantUrl());
                unblock();
            } else if (cause instanceof ConfigurationFailure rejected) {
                block(rejected, forwarding.clock().instant());
            } else {
                // RX unreachable: the key question stays open; check again later.
                checkAt = forwarding.clock().instant().plus(forwarding.settings().backoff().delay(attempts++));
                if (!(cause instanceof TransientFailure)) {
                    log.warn("Checking the ApiKey failed unexpectedly", cause);
                }
            }
        }));
    }

    /** A batch succeeded: whatever blocked is fixed. */
    void workedAgain() {
        if (failure != null && !blocked) {
            log.info("Forwarding works again after: {}", failure.getMessage());
            unblock();
        }
    }

    private void unblock() {
        blocked = false;
        failure = null;
        attempts = 0;
        status.unblocked();
    }
}
