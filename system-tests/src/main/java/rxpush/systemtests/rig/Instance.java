package rxpush.systemtests.rig;

import java.net.URI;

/**
 * One process of a local stack.
 *
 * @param name       unique name: {@code broker-2}, {@code forwarder-3}, {@code rx-simulator}
 * @param role       what it runs
 * @param index      1-based number within its role (node.id for brokers)
 * @param port       its main port: a broker's client listener, a service's HTTP port
 * @param adminPort  a broker's controller listener or a service's management port; -1 if none
 * @param healthPath HTTP path (on the admin port if any, else the main port) that answers 200 once
 *                   the process is ready; null when accepting connections on {@code port} is enough
 */
public record Instance(String name, Role role, int index, int port, int adminPort, String healthPath) {

    /**
     * The admin token every rx-push service of a rig is configured with ({@code rxpush.admin.token}):
     * the subscription service's admin port wants it for everything but health.
     */
    public static final String ADMIN_TOKEN = "rig-admin-token-not-a-secret";

    /** The base URL of its main port. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The base URL of its management port (the main port when it has none). */
    public URI adminUrl() {
        return URI.create("http://127.0.0.1:" + (adminPort > 0 ? adminPort : port));
    }
}
