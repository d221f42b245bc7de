package rxpush.subscription.admin;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import rxpush.subscription.engine.EngineStatus;
import rxpush.subscription.engine.MailboxStatus;
import rxpush.subscription.engine.SubscriptionEngine;

/** {@code GET /api/status}: this instance's summary and its mailboxes' status, a page at a time. */
@RestController
class StatusController extends AdminErrors {

    /** The answer: the summary, the page of mailboxes, and where the page is. */
    record StatusPage(EngineStatus instance, int offset, int limit, int total, List<MailboxStatus> mailboxes) {
    }

    private final SubscriptionEngine engine;

    StatusController(SubscriptionEngine engine) {
        this.engine = engine;
    }

    @GetMapping("/api/status")
    StatusPage status(@RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "1000") int limit) {
        if (offset < 0 || limit < 0 || limit > 10_000) {
            throw new IllegalArgumentException("offset must be >= 0 and limit between 0 and 10000");
        }
        List<MailboxStatus> all = engine.statuses();
        int from = Math.min(offset, all.size());
        int to = Math.min(all.size(), from + limit);
        return new StatusPage(engine.summary(), offset, limit, all.size(), all.subList(from, to));
    }

}
