package rxpush.ingress.http;

/** A body that is not a safe, well-formed notification. The message never quotes the body. */
public class MalformedNotificationException extends Exception {

    public MalformedNotificationException(String message) {
        super(message);
    }
}
