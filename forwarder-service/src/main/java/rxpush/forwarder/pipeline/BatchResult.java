package rxpush.forwarder.pipeline;

import java.util.Set;

/**
 * What became of a batch: the offsets that are done (forwarded, skipped or dead-lettered, with their
 * Kafka writes acknowledged) and, when some mailbox could not finish, why. A failure is a
 * {@link rxpush.forwarder.failure.TransientFailure} or a
 * {@link rxpush.forwarder.failure.ConfigurationFailure}; the records not done stay pending.
 */
public record BatchResult(Set<Long> done, RuntimeException failure) {
}
