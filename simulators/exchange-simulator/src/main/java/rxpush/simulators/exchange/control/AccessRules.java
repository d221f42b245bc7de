package rxpush.simulators.exchange.control;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access refusals scoped to one mailbox, or to the tenant's EWS, switchable while the simulator runs
 * (REST under /sim/access or the Java API), as a real tenant produces them:
 * <ul>
 *   <li>EWS impersonation denied for a mailbox (the ApplicationImpersonation role assignment's scope
 *       does not cover it): ErrorImpersonateUserDenied;</li>
 *   <li>Graph access denied for a mailbox (an application access policy or RBAC for Applications
 *       scope without it): 403 ErrorAccessDenied on every /users/{mailbox}/... request and on a
 *       subscription for its events;</li>
 *   <li>EWS blocked by tenant policy (Exchange Online's EWS retirement): HTTP 403 with
 *       X-EWS-Policy-Reason on every EWS request.</li>
 * </ul>
 */
public final class AccessRules {

    /** The state as the REST API shows and takes it; in an update, null fields are left as they are. */
    public record State(Set<String> ewsImpersonationDenied, Set<String> graphDenied, String ewsPolicyBlock) {
    }

    private final Set<String> ewsImpersonationDenied = ConcurrentHashMap.newKeySet();
    private final Set<String> graphDenied = ConcurrentHashMap.newKeySet();
    private volatile String ewsPolicyBlock;

    public AccessRules(String ewsPolicyBlock) {
        this.ewsPolicyBlock = blankToNull(ewsPolicyBlock);
    }

    public void denyEwsImpersonation(String address, boolean denied) {
        toggle(ewsImpersonationDenied, address, denied);
    }

    public void denyGraph(String address, boolean denied) {
        toggle(graphDenied, address, denied);
    }

    /** Blocks every EWS request with this X-EWS-Policy-Reason; null lifts the block. */
    public void blockEws(String reason) {
        ewsPolicyBlock = blankToNull(reason);
    }

    public boolean ewsImpersonationDenied(String address) {
        return address != null && ewsImpersonationDenied.contains(address.toLowerCase(Locale.ROOT));
    }

    public boolean graphDenied(String address) {
        return address != null && graphDenied.contains(address.toLowerCase(Locale.ROOT));
    }

    /** The X-EWS-Policy-Reason to answer every EWS request with, or null. */
    public String ewsPolicyBlock() {
        return ewsPolicyBlock;
    }

    public State state() {
        return new State(new TreeSet<>(ewsImpersonationDenied), new TreeSet<>(graphDenied), ewsPolicyBlock);
    }

    /** Replaces the sets given and the policy block when given ("" lifts it). */
    public synchronized State update(State update) {
        if (update.ewsImpersonationDenied() != null) {
            replace(ewsImpersonationDenied, update.ewsImpersonationDenied());
        }
        if (update.graphDenied() != null) {
            replace(graphDenied, update.graphDenied());
        }
        if (update.ewsPolicyBlock() != null) {
            blockEws(update.ewsPolicyBlock());
        }
        return state();
    }

    private static void replace(Set<String> target, Set<String> addresses) {
        target.clear();
        addresses.forEach(a -> target.add(a.toLowerCase(Locale.ROOT)));
    }

    private static void toggle(Set<String> set, String address, boolean on) {
        String key = address.toLowerCase(Locale.ROOT);
        if (on) {
            set.add(key);
        } else {
            set.remove(key);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.replaceAll("[\\r\\n]+", " ").trim();
    }
}
