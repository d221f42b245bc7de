package rxpush.subscription.ops;

import java.util.List;
import java.util.Locale;

/**
 * The operator's next step for a mailbox's last error, from the words Exchange, Graph and the engine use
 * in it. The first rule whose words occur wins; unknown errors point at the log and {@code rxpush doctor}.
 */
final class Fixes {

    private record Rule(List<String> words, String fix) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(List.of("impersonat"), "Grant the service account the ApplicationImpersonation role on this mailbox "
                    + "(New-ManagementRoleAssignment -Role ApplicationImpersonation), or set rxpush.ews.use-impersonation=false"),
            new Rule(List.of("nonexistentmailbox", "mailbox not found", "resourcenotfound", "does not exist"),
                    "Check the address: Exchange does not know this mailbox (remove it with rxpush mailboxes remove if it is gone)"),
            new Rule(List.of("401", "unauthorized", "invalid_client", "credentials"),
                    "Exchange/Graph rejects the credentials: check rxpush.ews.username/password or rxpush.graph.client-secret"),
            new Rule(List.of("403", "accessdenied", "access is denied", "authorization_requestdenied", "forbidden"),
                    "Grant the app Calendars.Read (Graph, application permission, admin consent) or the account access to the room"),
            new Rule(List.of("validation", "handshake", "notificationurl", "notification url"),
                    "Exchange/Graph cannot reach the public notification URL: check rxpush.notification-url and ingress (rxpush doctor)"),
            new Rule(List.of("silent", "heartbeat"),
                    "Exchange stopped pushing: it is resubscribed automatically; if it repeats, check Exchange reaches the notification URL"),
            new Rule(List.of("throttl", "serverbusy", "429", "too many"),
                    "Nothing: Exchange/Graph asked to slow down and requests wait as asked"),
            new Rule(List.of("registry write failed", "kafka", "timeout"),
                    "Transient: retried with back-off; if it persists check Kafka and the network to Exchange"),
            new Rule(List.of("events missed", "missed"),
                    "Nothing: a resync of the mailbox is under way"),
            new Rule(List.of("replaced", "removed", "expired"),
                    "Nothing: the subscription is recreated and the mailbox resynced"));

    private Fixes() {
    }

    /** The fix for an error, or null when there is no error. */
    static String forError(String error) {
        if (error == null || error.isBlank()) {
            return null;
        }
        String text = error.toLowerCase(Locale.ROOT);
        for (Rule rule : RULES) {
            if (rule.words().stream().anyMatch(text::contains)) {
                return rule.fix();
            }
        }
        return "See the subscription service's log for this mailbox; rxpush doctor checks the usual causes";
    }
}
