package rxpush.simulators.exchange.control;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET/PUT /sim/access}: the per-mailbox access refusals and the EWS policy block. */
@RestController
class AccessController {

    private final AccessRules rules;

    AccessController(AccessRules rules) {
        this.rules = rules;
    }

    @GetMapping("/sim/access")
    AccessRules.State get() {
        return rules.state();
    }

    @PutMapping("/sim/access")
    AccessRules.State put(@RequestBody AccessRules.State update) {
        return rules.update(update);
    }
}
