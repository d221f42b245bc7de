package rxpush.common.exchange;

import microsoft.exchange.webservices.data.core.exception.service.remote.ServiceRemoteException;

/**
 * Exchange Online refused the EWS call by policy (HTTP 403 with {@code X-EWS-Policy-Reason}): EWS is
 * blocked for the tenant or the app (Microsoft's EWS retirement in Exchange Online). Not a wrong
 * password: the mailbox has to move to Graph. Scoped to the mailbox that met it.
 */
public class EwsPolicyBlockedException extends ServiceRemoteException {

    public static final String HEADER = "X-EWS-Policy-Reason";
    public static final String FIX = "EWS is blocked by policy for this tenant: move this mailbox to Graph"
            + " (protocol GRAPH, rxpush.graph.*)";

    private final String reason;

    public EwsPolicyBlockedException(String reason) {
        super("HTTP 403 " + HEADER + ": " + reason + "; " + FIX);
        this.reason = reason;
    }

    /** The header's value as Exchange sent it. */
    public String reason() {
        return reason;
    }
}
