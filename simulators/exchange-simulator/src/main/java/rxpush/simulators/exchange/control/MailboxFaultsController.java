package rxpush.simulators.exchange.control;

import java.util.Map;
import java.util.NoSuchElementException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import rxpush.simulators.exchange.calendar.CalendarStore;

/**
 * {@code /sim/faults/mailboxes}: mailbox-level Graph 404s per mailbox ({@link Faults#MAILBOX_ERRORS}).
 * {@code PUT /sim/faults/mailboxes/{address}} with {@code {"graph": "MailboxNotEnabledForRESTAPI"}}
 * switches one on, {@code DELETE} (one address, or all without) switches it off.
 */
@RestController
@RequestMapping("/sim/faults/mailboxes")
final class MailboxFaultsController {

    /** @param graph the Graph error code */
    record MailboxFault(String graph) {
    }

    private final Faults faults;
    private final CalendarStore store;

    MailboxFaultsController(Faults faults, CalendarStore store) {
        this.faults = faults;
        this.store = store;
    }

    @GetMapping
    Map<String, String> all() {
        return faults.mailboxErrors();
    }

    @PutMapping("/{address}")
    Map<String, String> fail(@PathVariable String address, @RequestBody MailboxFault body) {
        store.byAddress(address).orElseThrow(() -> new NoSuchElementException("no mailbox " + address));
        if (body == null || body.graph() == null) {
            throw new IllegalArgumentException("body {\"graph\": code} is required, code one of "
                    + new java.util.TreeSet<>(Faults.MAILBOX_ERRORS.keySet()));
        }
        faults.failMailbox(address, body.graph());
        return faults.mailboxErrors();
    }

    @DeleteMapping({"", "/{address}"})
    ResponseEntity<Void> clear(@PathVariable(required = false) String address) {
        faults.clearMailbox(address);
        return ResponseEntity.noContent().build();
    }
}
