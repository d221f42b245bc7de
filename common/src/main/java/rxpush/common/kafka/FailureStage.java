package rxpush.common.kafka;

/** Where in the pipeline a record failed; written to {@link RxHeaders#DLT_STAGE}. */
public enum FailureStage {
    /** The record could not be deserialized or validated. */
    DESERIALIZE,
    /** Reading the item from Exchange/Graph failed permanently. */
    FETCH,
    /** The item could not be mapped to a BookingUpdate. */
    MAP,
    /** ResourceXpress rejected the write permanently (400/422). */
    PUSH,
    /** Writing rx-push's own bookkeeping failed. */
    COMMIT
}
