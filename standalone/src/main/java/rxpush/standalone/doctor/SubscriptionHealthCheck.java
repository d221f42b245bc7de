package rxpush.standalone.doctor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import rxpush.common.config.EwsSettings;
import rxpush.common.config.MailboxSettings;
import rxpush.common.contract.Protocol;
import rxpush.common.contract.SubscriptionHealth;
import rxpush.common.contract.SubscriptionState;

/**
 * Every configured mailbox has a healthy subscription: ACTIVE, not expired, heartbeat (EWS) recent.
 * Reads the subscription registry the services share ({@code rxpush.subscriptions}).
 */
final class SubscriptionHealthCheck implements DoctorCheck {

    private final SubscriptionRegistryReader registry;
    private final List<MailboxSettings> mailboxes;
    private final EwsSettings ews;
    private final Clock clock;

    SubscriptionHealthCheck(SubscriptionRegistryReader registry, List<MailboxSettings> mailboxes, EwsSettings ews, Clock clock) {
        this.registry = registry;
        this.mailboxes = mailboxes;
        this.ews = ews;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "Subscriptions";
    }

    @Override
    public List<CheckResult> run() {
        if (mailboxes.isEmpty()) {
            return List.of(CheckResult.skip("no mailboxes configured in rxpush.mailboxes (mailboxes added through the admin API are"
                    + " shown by 'rxpush status')"));
        }
        Map<String, SubscriptionState> active;
        try {
            active = registry.activeByMailbox();
        } catch (RuntimeException e) {
            return List.of(CheckResult.fail("cannot read the subscription registry: " + Describe.io(e),
                    "check that Kafka is reachable (see the Kafka line above)"));
        }
        Instant now = clock.instant();
        Duration heartbeatDeadline = ews.statusFrequency().plus(ews.statusGrace());
        List<CheckResult> results = new ArrayList<>();
        for (MailboxSettings mailbox : mailboxes) {
            String address = mailbox.address().toLowerCase(java.util.Locale.ROOT);
            SubscriptionState state = active.get(address);
            if (state == null) {
                results.add(CheckResult.fail(address + ": no active subscription",
                        "check that subscription-service runs; its log and 'rxpush status' show the last error"));
            } else if (state.expiresAt() != null && !state.expiresAt().isAfter(now)) {
                results.add(CheckResult.fail(address + ": subscription expired at " + state.expiresAt(),
                        "subscription-service renews at half life: check its log for renewal errors"));
            } else if (mailbox.protocol() == Protocol.EWS && (state.lastHeartbeatAt() == null
                    || Duration.between(state.lastHeartbeatAt(), now).compareTo(heartbeatDeadline) > 0)) {
                results.add(CheckResult.fail(address + ": no EWS heartbeat since "
                        + (state.lastHeartbeatAt() == null ? "the subscription was made" : state.lastHeartbeatAt()),
                        "Exchange cannot reach the NotificationUrl, or the subscription died: the watchdog resubscribes;"
                                + " check the NotificationUrl line above"));
            } else if (state.health() != SubscriptionHealth.HEALTHY) {
                results.add(CheckResult.warn(address + ": " + state.health()
                        + (state.lastError() == null ? "" : " (" + state.lastError() + ")"),
                        "usually recovers alone; 'rxpush status' shows the next action"));
            } else {
                results.add(CheckResult.pass(address + ": " + mailbox.protocol() + " subscription healthy"
                        + (state.expiresAt() == null ? "" : ", expires " + state.expiresAt())));
            }
        }
        return results;
    }

    /** Reads the registry; a separate seam so the check is testable on a real topic. */
    public interface SubscriptionRegistryReader {
        /** The ACTIVE (or PENDING when none is ACTIVE) subscription state per mailbox. */
        Map<String, SubscriptionState> activeByMailbox();
    }
}
