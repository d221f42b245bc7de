package rxpush.simulators.exchange.graph;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
import rxpush.simulators.exchange.control.Faults;
import rxpush.simulators.exchange.control.Stats;

/**
 * A user's events: {@code GET /v1.0/users/{id}/events/{id}}, {@code calendarView} (paged with
 * $top/$skip) and {@code calendarView/delta} (paged with $skiptoken, resumed with $deltatoken; 410
 * SyncStateNotFound once the journal no longer reaches back). $select and the Prefer header
 * (IdType, outlook.timezone, odata.maxpagesize) are honoured. Users are object ids or SMTP addresses.
 */
@RestController
@RequestMapping("/v1.0/users/{user}")
class EventsController {

    private static final int DEFAULT_PAGE = 10;
    private static final int MAX_PAGE = 1000;

    private final CalendarStore store;
    private final Stats stats;
    private final Faults faults;

    EventsController(CalendarStore store, Stats stats, Faults faults) {
        this.store = store;
        this.stats = stats;
        this.faults = faults;
    }

    @GetMapping({"/events/{id}", "/calendar/events/{id}"})
    ResponseEntity<Map<String, Object>> event(@PathVariable String user, @PathVariable String id,
                                              @RequestParam(name = "$select", required = false) String select,
                                              @RequestHeader(value = "Prefer", required = false) List<String> preferHeaders) {
        stats.increment("graph.events.get");
        Mailbox mailbox = mailbox(user);
        ItemIds.Parsed parsed = ItemIds.parse(id).filter(p -> p.kind() == ItemIds.Kind.ITEM
                || p.kind() == ItemIds.Kind.OCCURRENCE || p.kind() == ItemIds.Kind.FREEBUSY)
                .orElseThrow(() -> new GraphException(400, "ErrorInvalidIdMalformed", "Id is malformed."));
        ItemView item = mailbox.find(parsed).filter(i -> i.folder() == Folder.CALENDAR && !i.isFreeBusy())
                .orElseThrow(() -> {
                    stats.increment("graph.events.notFound");
                    return GraphException.itemNotFound();
                });
        Prefer prefer = Prefer.parse(preferHeaders);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("@odata.context", base() + "/v1.0/$metadata#users('" + user + "')/events/$entity");
        json.putAll(select(EventJson.of(item, prefer.immutableIds(), EventJson.Zone.of(prefer.timeZone())), select));
        return withPreference(ResponseEntity.ok(), prefer, false).body(json);
    }

    @GetMapping("/calendarView")
    ResponseEntity<Map<String, Object>> calendarView(@PathVariable String user,
            @RequestParam(required = false) String startDateTime, @RequestParam(required = false) String endDateTime,
            @RequestParam(name = "$top", required = false) Integer top,
            @RequestParam(name = "$skip", required = false, defaultValue = "0") int skip,
            @RequestParam(name = "$select", required = false) String select,
            @RequestHeader(value = "Prefer", required = false) List<String> preferHeaders) {
        stats.increment("graph.calendarView");
        Mailbox mailbox = mailbox(user);
        Instant start = window(startDateTime);
        Instant end = window(endDateTime);
        Prefer prefer = Prefer.parse(preferHeaders);
        int size = pageSize(top != null ? top : prefer.maxPageSize());
        List<ItemView> all = mailbox.calendarView(start, end);
        List<Map<String, Object>> page = all.subList(Math.min(skip, all.size()), Math.min(all.size(), skip + size))
                .stream().map(i -> select(EventJson.of(i, prefer.immutableIds(), EventJson.Zone.of(prefer.timeZone())),
                        select)).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", base() + "/v1.0/$metadata#users('" + user + "')/calendarView");
        body.put("value", page);
        if (skip + size < all.size()) {
            body.put("@odata.nextLink", ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam("$skip", skip + size).build().toUriString());
        }
        return withPreference(ResponseEntity.ok(), prefer, top == null).body(body);
    }

    @GetMapping("/calendarView/delta")
    ResponseEntity<Map<String, Object>> delta(@PathVariable String user,
            @RequestParam(required = false) String startDateTime, @RequestParam(required = false) String endDateTime,
            @RequestParam(name = "$skiptoken", required = false) String skipToken,
            @RequestParam(name = "$deltatoken", required = false) String deltaToken,
            @RequestHeader(value = "Prefer", required = false) List<String> preferHeaders) {
        stats.increment("graph.delta");
        Mailbox mailbox = mailbox(user);
        Prefer prefer = Prefer.parse(preferHeaders);
        DeltaToken token;
        if (skipToken != null || deltaToken != null) {
            DeltaToken given = DeltaToken.decode(skipToken != null ? skipToken : deltaToken)
                    .filter(t -> t.mailbox().equals(mailbox.guid()))
                    .orElseThrow(() -> GraphException.badRequest("The skip or delta token is not valid."));
            if (given.from() >= 0 && !mailbox.journal().canResumeFrom(given.from())
                    || deltaToken != null && !mailbox.journal().canResumeFrom(given.to())) {
                stats.increment("graph.delta.expired");
                throw new GraphException(410, "SyncStateNotFound",
                        "The sync state generation is not found. Start a new synchronization without a token.");
            }
            token = deltaToken != null
                    ? new DeltaToken(mailbox.guid(), given.to(), mailbox.journal().head(), 0, given.windowStart(),
                            given.windowEnd())
                    : given;
        } else {
            token = new DeltaToken(mailbox.guid(), -1, mailbox.journal().head(), 0, window(startDateTime),
                    window(endDateTime));
        }
        List<Map<String, Object>> all = DeltaPages.round(mailbox, token, prefer.immutableIds(),
                EventJson.Zone.of(prefer.timeZone()));
        int size = pageSize(prefer.maxPageSize());
        int end = Math.min(all.size(), token.offset() + size);
        stats.add("graph.delta.events", end - Math.min(token.offset(), end));
        String link = base() + "/v1.0/users/" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "/calendarView/delta?";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", base() + "/v1.0/$metadata#Collection(event)");
        if (end < all.size()) {
            body.put("@odata.nextLink", link + "$skiptoken=" + new DeltaToken(token.mailbox(), token.from(), token.to(),
                    end, token.windowStart(), token.windowEnd()).encode());
        } else {
            body.put("@odata.deltaLink", link + "$deltatoken=" + new DeltaToken(token.mailbox(), token.to(), token.to(),
                    0, token.windowStart(), token.windowEnd()).encode());
        }
        body.put("value", all.subList(Math.min(token.offset(), end), end));
        return withPreference(ResponseEntity.ok(), prefer, true).body(body);
    }

    private Mailbox mailbox(String user) {
        return mailbox(store, faults, stats, user);
    }

    /**
     * The user's mailbox, or the mailbox-level 404 Graph gives for an unknown user
     * (ErrorInvalidUser) or for a mailbox injected as failing ({@link Faults#MAILBOX_ERRORS}): never
     * ErrorItemNotFound, which is an item's absence.
     */
    static Mailbox mailbox(CalendarStore store, Faults faults, Stats stats, String user) {
        Mailbox mailbox = store.byUser(user).orElseThrow(() -> new GraphException(404, "ErrorInvalidUser",
                "The requested user '" + user + "' is invalid."));
        String injected = faults.mailboxError(mailbox.address());
        if (injected != null) {
            stats.increment("graph.mailboxErrors." + injected);
            throw new GraphException(404, injected, Faults.MAILBOX_ERRORS.get(injected).formatted(user));
        }
        return mailbox;
    }

    static Instant window(String text) {
        if (text == null) {
            throw new GraphException(400, "ErrorInvalidParameter", "This request requires a time window specified"
                    + " by the query string parameters StartDateTime and EndDateTime.");
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new GraphException(400, "ErrorInvalidParameter", "The value '" + text
                        + "' of parameter 'StartDateTime' or 'EndDateTime' is invalid.");
            }
        }
    }

    static int pageSize(Integer requested) {
        if (requested == null) {
            return DEFAULT_PAGE;
        }
        if (requested < 1) {
            throw GraphException.badRequest("The page size must be positive.");
        }
        return Math.min(requested, MAX_PAGE);
    }

    static Map<String, Object> select(Map<String, Object> event, String select) {
        if (select == null || select.isBlank()) {
            return event;
        }
        Set<String> wanted = Arrays.stream(select.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        Map<String, Object> selected = new LinkedHashMap<>();
        event.forEach((key, value) -> {
            if (key.equals("@odata.etag") || key.equals("id") || wanted.contains(key.toLowerCase(Locale.ROOT))) {
                selected.put(key, value);
            }
        });
        return selected;
    }

    static ResponseEntity.BodyBuilder withPreference(ResponseEntity.BodyBuilder builder, Prefer prefer,
                                                             boolean pageSizeApplied) {
        String applied = prefer.applied(pageSizeApplied);
        return applied == null ? builder : builder.header("Preference-Applied", applied);
    }

    static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
    }
}
