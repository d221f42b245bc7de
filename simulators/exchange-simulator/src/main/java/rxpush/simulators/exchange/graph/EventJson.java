package rxpush.simulators.exchange.graph;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import rxpush.simulators.exchange.calendar.Attendee;
import rxpush.simulators.exchange.calendar.ItemIds;
import rxpush.simulators.exchange.calendar.ItemView;
import rxpush.simulators.exchange.calendar.OccurrenceType;
import rxpush.simulators.exchange.calendar.Person;
import rxpush.simulators.exchange.calendar.GraphRecurrence;
import rxpush.simulators.exchange.calendar.TimeZones;

/** Graph's event resource for an item, with REST or immutable ids and start/end in a chosen zone. */
final class EventJson {

    /** The zone start/end are shown in ({@code Prefer: outlook.timezone}), and its name as echoed. */
    record Zone(ZoneId zone, String name) {
        static final Zone UTC = new Zone(ZoneId.of("UTC"), "UTC");

        /** From an outlook.timezone preference: a Windows or IANA zone name; unknown names give UTC. */
        static Zone of(String name) {
            if (name == null || name.isBlank()) {
                return UTC;
            }
            TimeZones.Zone windows = TimeZones.byWindowsId(name);
            if (windows.windowsId().equals(name)) {
                return new Zone(windows.zone(), name);
            }
            try {
                return new Zone(ZoneId.of(name), name);
            } catch (java.time.DateTimeException e) {
                return UTC;
            }
        }
    }

    private static final String NO_TIME = "0001-01-01T00:00:00Z";

    private EventJson() {
    }

    static String id(ItemView item, boolean immutable) {
        return immutable ? item.immutableId() : item.restId();
    }

    static Map<String, Object> of(ItemView item, boolean immutable, Zone zone) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("@odata.etag", "W/\"" + item.changeKey() + "\"");
        json.put("id", id(item, immutable));
        json.put("createdDateTime", GraphTime.utc(item.created()));
        json.put("lastModifiedDateTime", GraphTime.utc(item.lastModified()));
        json.put("changeKey", item.changeKey());
        json.put("categories", List.of());
        json.put("transactionId", null);
        json.put("originalStartTimeZone", item.timeZone());
        json.put("originalEndTimeZone", item.timeZone());
        json.put("iCalUId", item.iCalUid());
        json.put("uid", item.iCalUid());
        json.put("reminderMinutesBeforeStart", 15);
        json.put("isReminderOn", false);
        json.put("hasAttachments", false);
        json.put("subject", item.subject());
        json.put("bodyPreview", item.body());
        json.put("importance", "normal");
        json.put("sensitivity", item.sensitivity().graph());
        json.put("isAllDay", item.allDay());
        json.put("isCancelled", item.cancelled());
        json.put("isOrganizer", false);
        json.put("responseRequested", true);
        json.put("seriesMasterId", item.seriesMasterEwsId() == null ? null
                : immutable ? item.seriesMasterImmutableId() : ItemIds.restId(item.seriesMasterEwsId()));
        json.put("showAs", item.cancelled() ? "free" : "busy");
        json.put("type", item.type().graph());
        json.put("webLink", "https://outlook.office365.com/owa/?itemid=" + item.restId() + "&exvsurl=1&path=/calendar/item");
        json.put("onlineMeetingUrl", null);
        json.put("isOnlineMeeting", false);
        json.put("onlineMeetingProvider", "unknown");
        json.put("allowNewTimeProposals", true);
        json.put("occurrenceId", item.originalStart() == null ? null
                : "OID." + id(item, immutable) + "." + item.originalStart().atZone(ZoneId.of("UTC")).toLocalDate());
        json.put("isDraft", false);
        json.put("hideAttendees", false);
        json.put("responseStatus", Map.of("response", item.myResponse().graph(), "time", GraphTime.utc(item.lastModified())));
        json.put("body", Map.of("contentType", "text", "content", item.body() == null ? "" : item.body()));
        json.put("start", dateTime(item.start(), zone));
        json.put("end", dateTime(item.end(), zone));
        Map<String, Object> location = location(item.location());
        json.put("location", location);
        json.put("locations", item.location() == null ? List.of() : List.of(location));
        json.put("recurrence", GraphRecurrence.of(item));
        json.put("attendees", attendees(item));
        json.put("organizer", item.organizer() == null ? null : Map.of("emailAddress", address(item.organizer())));
        json.put("onlineMeeting", null);
        return json;
    }

    /** What calendarView/delta returns for an event that left the view. */
    static Map<String, Object> removed(String id) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("@odata.type", "#microsoft.graph.event");
        json.put("id", id);
        json.put("@removed", Map.of("reason", "deleted"));
        return json;
    }

    private static Map<String, Object> dateTime(Instant instant, Zone zone) {
        return Map.of("dateTime", GraphTime.local(instant, zone.zone()), "timeZone", zone.name());
    }

    private static Map<String, Object> location(String name) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("displayName", name == null ? "" : name);
        json.put("locationType", "default");
        json.put("uniqueId", name);
        json.put("uniqueIdType", "private");
        return json;
    }

    private static List<Map<String, Object>> attendees(ItemView item) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Attendee attendee : item.attendees()) {
            if (attendee.response() == Attendee.Response.ORGANIZER) {
                continue;
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("type", attendee.type().name().toLowerCase(Locale.ROOT));
            json.put("status", Map.of("response", attendee.response().graph(), "time",
                    attendee.responseTime() == null ? NO_TIME : GraphTime.utc(attendee.responseTime())));
            json.put("emailAddress", address(attendee.person()));
            list.add(json);
        }
        return list;
    }

    private static Map<String, Object> address(Person person) {
        return Map.of("name", person.name(), "address", person.email());
    }
}
