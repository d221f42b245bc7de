package rxpush.forwarder;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import rxpush.forwarder.pipeline.ForwarderStatus;

/**
 * {@code /actuator/health} component "forwarder": DOWN with one line for the operator while
 * ResourceXpress or Exchange rejects rx-push's credentials, or when the consumer loop is not running.
 * Transient trouble (RX down, throttling) keeps it UP: the forwarder is doing what it should, waiting;
 * the last transient failure and the partitions backing off are in the details.
 */
final class ForwarderHealthIndicator implements HealthIndicator {

    private final ForwarderStatus status;

    ForwarderHealthIndicator(ForwarderStatus status) {
        this.status = status;
    }

    @Override
    public Health health() {
        if (status.blockedBy().isPresent()) {
            return Health.down().withDetail("error", status.blockedBy().get()).build();
        }
        if (!status.running()) {
            return Health.down().withDetail("error", "the forwarder's consumer loop is not running").build();
        }
        Health.Builder up = Health.up().withDetail("partitions", status.partitions());
        status.lastTransientFailure().ifPresent(message -> up.withDetail("lastTransientFailure", message));
        if (!status.parked().isEmpty()) {
            // One room refused stays that room's: the forwarder is UP, the room is listed with its fix.
            up.withDetail("parkedMailboxes", status.parked());
        }
        return up.build();
    }
}
