package rxpush.common.exchange;

/**
 * Graph refused the app's credentials or permissions: a configuration error that retrying will not
 * fix. The message names the endpoint and Graph's error code, never the secret.
 */
public class GraphAuthException extends RuntimeException {

    public GraphAuthException(String message) {
        super(message);
    }
}
