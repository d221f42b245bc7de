package rxpush.simulators.exchange.graph;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rxpush.simulators.exchange.calendar.CalendarStore;
import rxpush.simulators.exchange.calendar.Mailbox;
import rxpush.simulators.exchange.control.AccessRules;

/**
 * Application access policies / RBAC for Applications as Graph applies them to app-only calls: a
 * mailbox outside the app's scope answers 403 on every {@code /users/{id | userPrincipalName}/...}
 * request ("Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy
 * settings.") and on creating a subscription for its events. Which mailboxes are outside is set in
 * {@link AccessRules} (Microsoft: https://learn.microsoft.com/graph/auth-limit-mailbox-access).
 */
final class GraphAccess {

    static final String POLICY_MESSAGE = "Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly"
            + " AccessPolicy settings.";
    private static final Pattern USER_PATH = Pattern.compile("^/v1\\.0/users/([^/?]+)(?:/.*)?$", Pattern.CASE_INSENSITIVE);

    private final AccessRules rules;
    private final CalendarStore store;

    GraphAccess(AccessRules rules, CalendarStore store) {
        this.rules = rules;
        this.store = store;
    }

    /** Refuses a request path under a denied mailbox (by object id, UPN or address). */
    void check(String path) {
        Matcher m = USER_PATH.matcher(path);
        if (!m.matches()) {
            return;
        }
        String user = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        store.byUser(user).filter(mailbox -> rules.graphDenied(mailbox.address())).ifPresent(mailbox -> {
            throw new GraphException(403, "ErrorAccessDenied", POLICY_MESSAGE);
        });
    }

    static void checkSubscription(AccessRules rules, Mailbox mailbox) {
        if (rules.graphDenied(mailbox.address())) {
            throw new GraphException(403, "ExtensionError", "Operation: Create; Exception: [Status Code: Forbidden;"
                    + " Reason: " + POLICY_MESSAGE + "]");
        }
    }
}
