package rxpush.forwarder.failure;

import rxpush.common.kafka.FailureStage;

/**
 * A failure of one record that retrying cannot fix (RX answered 400/422, the item cannot be mapped,
 * Exchange rejected the item id). The records go to the dead-letter topic with the stage named and
 * the offset moves on.
 */
public class PermanentFailure extends RuntimeException {

    private final FailureStage stage;

    public PermanentFailure(FailureStage stage, String message, Throwable cause) {
        super(message, cause);
        this.stage = stage;
    }

    public PermanentFailure(FailureStage stage, String message) {
        this(stage, message, null);
    }

    public FailureStage stage() {
        return stage;
    }
}
