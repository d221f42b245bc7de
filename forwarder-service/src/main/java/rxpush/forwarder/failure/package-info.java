/**
 * The three ways a record can fail, which decide what the forwarder does with it:
 * {@link rxpush.forwarder.failure.TransientFailure} (retry with back-off, order kept),
 * {@link rxpush.forwarder.failure.PermanentFailure} (dead-letter, move on) and
 * {@link rxpush.forwarder.failure.ConfigurationFailure} (stop, health DOWN, commit nothing more).
 */
package rxpush.forwarder.failure;
