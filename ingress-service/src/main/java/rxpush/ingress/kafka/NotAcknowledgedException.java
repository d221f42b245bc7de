package rxpush.ingress.kafka;

/**
 * Kafka did not acknowledge every record of a request within rxpush.ingress.kafka-ack-timeout, or
 * refused one. The request must be answered with a 5xx so the sender retries; records that were
 * written anyway are duplicates the consumers drop by notificationId.
 */
public class NotAcknowledgedException extends Exception {

    public NotAcknowledgedException(String message, Throwable cause) {
        super(message, cause);
    }
}
