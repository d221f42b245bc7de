package rxpush.common.kafka;

/** Kafka record header names. Values are UTF-8 strings; instants are ISO-8601 UTC. */
public final class RxHeaders {

    /** EWS or GRAPH. */
    public static final String SOURCE = "rxpush.source";
    /** The Exchange/Graph subscription id that delivered the record. */
    public static final String SUBSCRIPTION_ID = "rxpush.subscription-id";
    /** When ingress received the HTTP request. */
    public static final String RECEIVED_AT = "rxpush.received-at";
    /** A trace id shared by every record of one HTTP request (and logged with it). */
    public static final String TRACE_ID = "rxpush.trace-id";
    /** The value's schema version, so a reader can route without parsing. */
    public static final String SCHEMA_VERSION = "rxpush.schema-version";

    // Dead-letter provenance (the Kafka Connect convention: where it came from and why it failed).
    public static final String DLT_ORIGINAL_TOPIC = "rxpush.dlt.original-topic";
    public static final String DLT_ORIGINAL_PARTITION = "rxpush.dlt.original-partition";
    public static final String DLT_ORIGINAL_OFFSET = "rxpush.dlt.original-offset";
    /** The named failure stage, see {@link FailureStage}. */
    public static final String DLT_STAGE = "rxpush.dlt.stage";
    public static final String DLT_EXCEPTION_CLASS = "rxpush.dlt.exception-class";
    public static final String DLT_EXCEPTION_MESSAGE = "rxpush.dlt.exception-message";
    public static final String DLT_FAILED_AT = "rxpush.dlt.failed-at";
    /** How many times the record has been redriven from the dead-letter topic. */
    public static final String DLT_REDRIVE_COUNT = "rxpush.dlt.redrive-count";

    private RxHeaders() {
    }
}
