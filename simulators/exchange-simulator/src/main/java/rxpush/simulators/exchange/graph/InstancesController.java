package rxpush.simulators.exchange.graph;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import rxpush.simulators.exchange.calendar.CalendarStore;
import rxpush.simulators.exchange.calendar.Folder;
import rxpush.simulators.exchange.calendar.ItemIds;
import rxpush.simulators.exchange.calendar.ItemView;
import rxpush.simulators.exchange.calendar.Mailbox;
import rxpush.simulators.exchange.calendar.OccurrenceType;
import rxpush.simulators.exchange.control.Faults;
import rxpush.simulators.exchange.control.Stats;

/**
 * {@code GET /v1.0/users/{user}/events/{id}/instances?startDateTime=&endDateTime=}
 * (https://learn.microsoft.com/en-us/graph/api/event-list-instances): for a seriesMaster the
 * occurrences and exceptions of the series in the window (cancelled occurrences are gone), by
 * start, paged like calendarView; for any other event an empty list. The window is required
 * (400 ErrorInvalidParameter); an unknown or deleted master is 404 ErrorItemNotFound; mailbox-level
 * failures are the mailbox's 404s as on every events endpoint.
 */
@RestController
@RequestMapping("/v1.0/users/{user}")
class InstancesController {

    private final CalendarStore store;
    private final Stats stats;
    private final Faults faults;

    InstancesController(CalendarStore store, Stats stats, Faults faults) {
        this.store = store;
        this.stats = stats;
        this.faults = faults;
    }

    @GetMapping({"/events/{id}/instances", "/calendar/events/{id}/instances"})
    ResponseEntity<Map<String, Object>> instances(@PathVariable String user, @PathVariable String id,
            @RequestParam(required = false) String startDateTime, @RequestParam(required = false) String endDateTime,
            @RequestParam(name = "$top", required = false) Integer top,
            @RequestParam(name = "$skip", required = false, defaultValue = "0") int skip,
            @RequestParam(name = "$select", required = false) String select,
            @RequestHeader(value = "Prefer", required = false) List<String> preferHeaders) {
        stats.increment("graph.instances");
        Mailbox mailbox = EventsController.mailbox(store, faults, stats, user);
        Instant start = EventsController.window(startDateTime);
        Instant end = EventsController.window(endDateTime);
        ItemIds.Parsed parsed = ItemIds.parse(id).filter(p -> p.kind() == ItemIds.Kind.ITEM
                || p.kind() == ItemIds.Kind.OCCURRENCE)
                .orElseThrow(() -> new GraphException(400, "ErrorInvalidIdMalformed", "Id is malformed."));
        ItemView event = mailbox.find(parsed).filter(i -> i.folder() == Folder.CALENDAR)
                .orElseThrow(GraphException::itemNotFound);
        List<ItemView> all = event.type() != OccurrenceType.SERIES_MASTER ? List.of()
                : mailbox.calendarView(start, end).stream()
                        .filter(i -> event.ewsId().equals(i.seriesMasterEwsId())).toList();
        Prefer prefer = Prefer.parse(preferHeaders);
        int size = EventsController.pageSize(top != null ? top : prefer.maxPageSize());
        List<Map<String, Object>> page = all.subList(Math.min(skip, all.size()), Math.min(all.size(), skip + size))
                .stream().map(i -> EventsController.select(EventJson.of(i, prefer.immutableIds(),
                        EventJson.Zone.of(prefer.timeZone())), select)).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", EventsController.base() + "/v1.0/$metadata#Collection(event)");
        body.put("value", page);
        if (skip + size < all.size()) {
            body.put("@odata.nextLink", ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam("$skip", skip + size).build().toUriString());
        }
        return EventsController.withPreference(ResponseEntity.ok(), prefer, top == null).body(body);
    }
}
