package rxpush.forwarder.pipeline;

import java.time.Clock;
import rxpush.forwarder.ForwarderSettings;
import rxpush.forwarder.rx.RxClient;

/**
 * What processing a batch needs, shared by the live loop and by replay.
 *
 * @param sources     EWS / Graph readers
 * @param rx          the ResourceXpress client
 * @param versions    last forwarded version per booking
 * @param deadLetters the dead-letter writer
 * @param metrics     counters
 * @param clock       the time source (tests inject one)
 * @param settings    debounce, windows, concurrency
 * @param mailboxes   the mailboxes the registry holds: the only ones acted on
 */
public record Forwarding(BookingSources sources, RxClient rx, VersionStore versions, DeadLetters deadLetters,
        ForwarderMetrics metrics, Clock clock, ForwarderSettings settings, RegisteredMailboxes mailboxes) {
}
