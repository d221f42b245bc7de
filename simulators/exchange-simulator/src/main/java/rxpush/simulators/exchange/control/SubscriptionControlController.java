package rxpush.simulators.exchange.control;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import rxpush.simulators.exchange.ews.EwsPush;

/** Subscriptions as the simulator sees them, and silent subscription death on demand. */
@RestController
@RequestMapping("/sim/subscriptions")
class SubscriptionControlController {

    private final EwsPush ews;

    SubscriptionControlController(EwsPush ews) {
        this.ews = ews;
    }

    @GetMapping
    Map<String, Object> subscriptions() {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("ews", ews.subscriptions());
        return all;
    }

    /** Silent death: subscriptions disappear without any notification (EWS: no more pushes). */
    @PostMapping("/kill")
    Map<String, Integer> kill(@RequestParam(defaultValue = "all") String protocol,
                              @RequestParam(required = false) String mailbox) {
        Map<String, Integer> killed = new LinkedHashMap<>();
        if (protocol.equalsIgnoreCase("ews") || protocol.equalsIgnoreCase("all")) {
            killed.put("ews", ews.killSilently(mailbox));
        }
        return killed;
    }
}
