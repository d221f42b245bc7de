package rxpush.forwarder.failure;

/**
 * A failure no record can get past: ResourceXpress or Exchange rejects rx-push's credentials. The
 * forwarder stops consuming (nothing more is committed), reports the message as its health and checks
 * again with back-off until the credentials work. The message is for operators and names no secret.
 */
public class ConfigurationFailure extends RuntimeException {

    /** Which side refused, so the forwarder knows how to check whether it is fixed. */
    public enum Component { RESOURCEXPRESS, EXCHANGE }

    private final Component component;

    public ConfigurationFailure(Component component, String message, Throwable cause) {
        super(message, cause);
        this.component = component;
    }

    public Component component() {
        return component;
    }
}
