package rxpush.subscription.engine;

import java.time.Duration;
import java.time.Instant;
import rxpush.common.contract.Protocol;
import rxpush.common.contract.SubscriptionStatus;

/**
 * Decides a mailbox's next action and when it is due, from its state alone (a pure function, so every
 * rule is testable without a clock or a broker).
 */
final class Planner {

    /** The work a mailbox can need. */
    enum Kind {
        /** Nothing to do (not registered, or disabled and already unsubscribed). */
        NONE,
        /** No subscription yet: create one. */
        CREATE,
        /** EWS: silent past the deadline or events missed: resubscribe (from the watermark when valid). */
        RECOVER,
        /** Graph: extend the expiry (renewal at the set fraction of the lifetime, or reauthorization). */
        RENEW,
        /** Graph: the subscription is gone or expired: create a new one and resync. */
        RECREATE,
        /** Registration removed, disabled or protocol changed: retire the subscription. */
        REMOVE;

        /** True for work that calls Exchange/Graph. */
        boolean request() {
            return this != NONE;
        }
    }

    /** The next action and when. */
    record Plan(Kind kind, Instant at) {
    }

    /** The timing rules the plan depends on. */
    record Timing(Duration ewsSilenceLimit, Duration graphLifetime, Duration graphRenewAfter) {

        /** How long before expiry a Graph subscription is renewed. */
        Duration graphRenewBeforeExpiry() {
            return graphLifetime.minus(graphRenewAfter);
        }
    }

    private Planner() {
    }

    static Plan plan(MailboxState m, Instant now, Timing timing) {
        Plan plan = basePlan(m, now, timing);
        if (plan.kind() != Kind.NONE && m.notBefore != null && plan.at().isBefore(m.notBefore)) {
            return new Plan(plan.kind(), m.notBefore);
        }
        return plan;
    }

    private static Plan basePlan(MailboxState m, Instant now, Timing timing) {
        boolean desired = m.desired();
        if (m.current != null && (!desired || m.current.protocol() != m.registration.protocol())) {
            return new Plan(Kind.REMOVE, now);
        }
        if (!desired) {
            return new Plan(Kind.NONE, null);
        }
        if (m.current == null || m.current.status() != SubscriptionStatus.ACTIVE) {
            // A PENDING record outside an action is a creation that did not finish: start over.
            return new Plan(Kind.CREATE, now);
        }
        if (m.current.protocol() == Protocol.EWS) {
            if (m.recoverRequested) {
                return new Plan(Kind.RECOVER, now);
            }
            Instant deadline = ewsDeadline(m, timing);
            return new Plan(Kind.RECOVER, deadline.isAfter(now) ? deadline : now);
        }
        Instant expiresAt = m.current.expiresAt();
        if (m.recreateRequested || expiresAt == null || !now.isBefore(expiresAt)) {
            return new Plan(Kind.RECREATE, now);
        }
        if (m.renewRequested) {
            return new Plan(Kind.RENEW, now);
        }
        Instant renewAt = expiresAt.minus(timing.graphRenewBeforeExpiry());
        return new Plan(Kind.RENEW, renewAt.isAfter(now) ? renewAt : now);
    }

    /** When an EWS subscription that stays silent from now on counts as dead. */
    static Instant ewsDeadline(MailboxState m, Timing timing) {
        Instant since = m.watchSince;
        if (m.lastHeartbeatAt != null && (since == null || m.lastHeartbeatAt.isAfter(since))) {
            since = m.lastHeartbeatAt;
        }
        if (since == null) {
            since = m.current.createdAt();
        }
        return since.plus(timing.ewsSilenceLimit());
    }
}
