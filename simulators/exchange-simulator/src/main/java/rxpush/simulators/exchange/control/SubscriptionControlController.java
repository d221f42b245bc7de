package rxpush.simulators.exchange.control;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import rxpush.simulators.exchange.ews.EwsPush;
import rxpush.simulators.exchange.graph.GraphSubscriptions;

/** Subscriptions as the simulator sees them, and silent subscription death on demand. */
@RestController
@RequestMapping("/sim/subscriptions")
class SubscriptionControlController {

    private final EwsPush ews;
    private final GraphSubscriptions graph;

    SubscriptionControlController(EwsPush ews, GraphSubscriptions graph) {
        this.ews = ews;
        this.graph = graph;
    }

    @GetMapping
    Map<String, Object> subscriptions() {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("ews", ews.subscriptions());
        all.put("graph", graph.subscriptions());
        all.put("graphEndpoints", graph.endpoints());
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
        if (protocol.equalsIgnoreCase("graph") || protocol.equalsIgnoreCase("all")) {
            killed.put("graph", graph.killSilently(mailbox));
        }
        return killed;
    }

    /**
     * Graph lifecycle events on demand: {@code subscriptionRemoved} (the subscription is removed),
     * {@code missed} (queued notifications are dropped) or {@code reauthorizationRequired}, for one
     * subscription, a mailbox's or all.
     */
    @PostMapping("/graph/lifecycle")
    Map<String, Integer> lifecycle(@RequestParam String event, @RequestParam(required = false) String mailbox,
                                   @RequestParam(required = false) String subscription) {
        int count = switch (event) {
            case "subscriptionRemoved" -> graph.remove(mailbox, subscription);
            case "missed" -> graph.missed(mailbox, subscription);
            case "reauthorizationRequired" -> graph.requireReauthorization(mailbox, subscription);
            default -> throw new IllegalArgumentException(
                    "event must be subscriptionRemoved, missed or reauthorizationRequired");
        };
        return Map.of(event, count);
    }

    /**
     * An EWS push whose ResponseClass is Error ({@link EwsPush#pushError}): {@code code}
     * (default ErrorMissedNotificationEvents), with ({@code notification=true}, default) or without a
     * Notification element, to the active subscriptions of a mailbox or all.
     */
    @PostMapping("/ews/error")
    Map<String, Integer> ewsError(@RequestParam(defaultValue = "ErrorMissedNotificationEvents") String code,
                                  @RequestParam(defaultValue = "true") boolean notification,
                                  @RequestParam(required = false) String mailbox) {
        return Map.of(code, ews.pushError(mailbox, code, notification));
    }
}
