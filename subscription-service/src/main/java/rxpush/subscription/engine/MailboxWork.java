package rxpush.subscription.engine;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rxpush.common.contract.Protocol;

/**
 * What the dispatcher runs for a due mailbox: plans it again (a heartbeat may have moved the
 * deadline since it was queued), marks it busy, runs the one action and plans the next. A mailbox
 * that is busy, no longer owned or not yet due is left alone or queued again; nothing here throws
 * at the dispatcher, which is told it finished whatever happened.
 */
final class MailboxWork {

    private static final Logger log = LoggerFactory.getLogger(MailboxWork.class);

    private final SubscriptionEngine engine;
    private final Actions actions;

    MailboxWork(SubscriptionEngine engine, Actions actions) {
        this.engine = engine;
        this.actions = actions;
    }

    void run(String address, boolean request) {
        // Every log line of this mailbox's action names it (MDC key mailbox; JSON logs carry it as a field).
        try (var logged = org.slf4j.MDC.putCloseable("mailbox", address)) {
            MailboxState m = engine.mailboxes.get(address);
            OwnedPartition owned = m == null ? null : engine.owner(m);
            if (owned == null) {
                return;
            }
            Instant now = engine.clock.instant();
            Planner.Plan plan;
            boolean run;
            Protocol protocol;
            synchronized (m) {
                if (m.busy) {
                    return;
                }
                plan = Planner.plan(m, now, engine.settings.timing());
                m.nextAction = plan.kind();
                m.nextActionAt = plan.at();
                if (plan.kind() == Planner.Kind.NONE) {
                    return;
                }
                // Not due (a heartbeat moved the deadline), or due but not yet budgeted: queue again.
                run = request && !plan.at().isAfter(now);
                m.busy = run;
                protocol = m.protocol();
            }
            if (!run) {
                engine.dispatcher.due(address, protocol, plan.at(), !plan.at().isAfter(now));
                return;
            }
            owned.started();
            try {
                actions.execute(plan.kind(), m, owned);
            } finally {
                synchronized (m) {
                    m.busy = false;
                }
                owned.ended();
                engine.reschedule(m);
            }
        } catch (RuntimeException e) {
            log.error("Unexpected failure while working mailbox {}", address, e);
        } finally {
            engine.dispatcher.finished();
        }
    }
}
