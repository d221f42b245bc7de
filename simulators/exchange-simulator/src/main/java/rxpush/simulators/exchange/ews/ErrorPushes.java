package rxpush.simulators.exchange.ews;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import rxpush.simulators.exchange.calendar.ItemIds;
import rxpush.simulators.exchange.clock.SimScheduler;
import rxpush.simulators.exchange.control.Stats;

/**
 * Pushes whose SendNotificationResponseMessage has ResponseClass Error (see
 * {@link NotificationXml#error}): Exchange lost events of a subscription. The events not yet delivered
 * are dropped (counted as {@code ews.push.missed}) and one error push is POSTed, with or without a
 * Notification. Delivery then resumes after the lost events; the next push's PreviousWatermark is the
 * error's resume watermark, which a listener without the Notification never saw. The listener's answer
 * counts as for any push (OK, Unsubscribe, or a failure with retries); the lost events stay lost.
 */
final class ErrorPushes {

    /** The codes that can be sent, with Exchange's message texts. */
    static final Map<String, String> CODES = Map.of(
            "ErrorMissedNotificationEvents", "Notification events were missed.",
            "ErrorInternalServerError", "An internal server error occurred. The operation failed.");

    private final EwsPush push;
    private final SimScheduler scheduler;
    private final Stats stats;
    private final PushSender sender;

    ErrorPushes(EwsPush push, SimScheduler scheduler, Stats stats, PushSender sender) {
        this.push = push;
        this.scheduler = scheduler;
        this.stats = stats;
        this.sender = sender;
    }

    /** One error push to each active subscription of {@code mailbox} (all when null); how many. */
    int push(String mailbox, String code, boolean withNotification) {
        if (!CODES.containsKey(code)) {
            throw new IllegalArgumentException("error push code must be one of " + new java.util.TreeSet<>(CODES.keySet()));
        }
        int count = 0;
        for (PushSubscription s : push.all()) {
            synchronized (s) {
                if (!s.active() || (mailbox != null && !s.mailbox.address().equalsIgnoreCase(mailbox))) {
                    continue;
                }
            }
            count++;
            scheduler.scheduleAfter(Duration.ZERO, "ews-error-push", () -> deliver(s, code, withNotification));
        }
        return count;
    }

    private void deliver(PushSubscription s, String code, boolean withNotification) {
        String previous;
        String resume;
        long head;
        synchronized (s) {
            if (!s.active()) {
                return;
            }
            if (s.inFlight) {
                scheduler.scheduleAfter(Duration.ofSeconds(1), "ews-error-push", () -> deliver(s, code, withNotification));
                return;
            }
            s.inFlight = true;
            head = s.mailbox.journal().head();
            previous = s.lastWatermark;
            resume = ItemIds.watermark(s.mailbox.guid(), head, scheduler.clock().instant());
            stats.add("ews.push.missed", s.mailbox.journal().after(s.position, Integer.MAX_VALUE).stream()
                    .filter(s::wants).count());
        }
        String body = NotificationXml.error(s.version, s.id, previous, resume, code, CODES.get(code), withNotification);
        stats.increment("ews.push.errors." + code);
        PushAnswer answer = sender.post(s.url, body);
        stats.increment("ews.push.answer." + answer.name().toLowerCase(java.util.Locale.ROOT));
        synchronized (s) {
            s.inFlight = false;
            if (s.state == PushSubscription.State.KILLED) {
                return;
            }
            switch (answer) {
                case OK -> push.acknowledged(s, new PushBatch(previous, List.of(), resume, head, resume, false));
                case UNSUBSCRIBE -> {
                    s.state = PushSubscription.State.UNSUBSCRIBED;
                    s.lastOutcome = "unsubscribe";
                }
                case INVALID -> {
                    // Exchange moved on: the lost events stay lost whatever the listener answers.
                    s.position = head;
                    s.lastWatermark = resume;
                    push.failed(s);
                }
            }
        }
    }
}
