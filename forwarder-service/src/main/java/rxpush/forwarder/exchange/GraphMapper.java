package rxpush.forwarder.exchange;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import rxpush.common.contract.BookingIds;
import rxpush.common.contract.BookingUpdate;
import rxpush.common.contract.BookingUpdate.AttendeeType;
import rxpush.common.contract.BookingUpdate.OccurrenceType;
import rxpush.common.contract.BookingUpdate.ResponseType;
import rxpush.common.contract.BookingUpdate.Sensitivity;
import rxpush.common.contract.Source;
import rxpush.common.kafka.FailureStage;
import rxpush.forwarder.failure.PermanentFailure;
import tools.jackson.databind.JsonNode;

/**
 * Maps a Microsoft Graph event to the RX booking. Events are requested with
 * {@code Prefer: outlook.timezone="UTC"}, so start/end come in UTC; the organizer's zone is kept from
 * {@code originalStartTimeZone}.
 */
final class GraphMapper {

    /** The fields the forwarder reads ($select keeps Graph from sending bodies it does not need). */
    static final String SELECT = "id,iCalUId,changeKey,lastModifiedDateTime,subject,organizer,start,end,"
            + "originalStartTimeZone,isAllDay,isCancelled,location,sensitivity,type,seriesMasterId,attendees,recurrence";

    private GraphMapper() {
    }

    static Fetched map(String mailbox, JsonNode event) {
        try {
            String itemId = text(event, "id");
            if (itemId == null) {
                throw new IllegalArgumentException("id is missing");
            }
            String changeKey = text(event, "changeKey");
            Instant lastModified = Instant.parse(required(event, "lastModifiedDateTime"));
            String master = text(event, "seriesMasterId");
            OccurrenceType type = type(text(event, "type"));
            BookingUpdate booking = new BookingUpdate(BookingIds.bookingId(mailbox, itemId), mailbox, Source.GRAPH,
                    itemId, text(event, "iCalUId"), changeKey, lastModified, text(event, "subject"),
                    person(event.path("organizer").path("emailAddress")), time(event, "start"), time(event, "end"),
                    text(event, "originalStartTimeZone"), event.path("isAllDay").asBoolean(false),
                    event.path("isCancelled").asBoolean(false), text(event.path("location"), "displayName"),
                    sensitivity(text(event, "sensitivity")), type,
                    master == null ? null : BookingIds.bookingId(mailbox, master), attendees(event.path("attendees")),
                    type == OccurrenceType.SERIES_MASTER ? recurrence(event.path("recurrence")) : null);
            return new Fetched.Found(booking, changeKey != null ? changeKey : lastModified.toString());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return new Fetched.Unreadable(new PermanentFailure(FailureStage.MAP,
                    "the Graph event cannot be mapped to a booking: " + e.getMessage(), e));
        }
    }

    /**
     * Graph's patternedRecurrence as it states it; Graph fills unused numbers with 0 and an open end with
     * 0001-01-01, which are left out. A master without one cannot be written (the contract requires it).
     */
    static BookingUpdate.Recurrence recurrence(JsonNode recurrence) {
        JsonNode pattern = recurrence.path("pattern");
        JsonNode range = recurrence.path("range");
        if (!pattern.isObject() || !range.isObject()) {
            throw new IllegalArgumentException("the series master has no recurrence");
        }
        List<String> days = new ArrayList<>();
        pattern.path("daysOfWeek").forEach(d -> days.add(d.asString()));
        String endDate = text(range, "endDate");
        return new BookingUpdate.Recurrence(
                new BookingUpdate.Recurrence.Pattern(required(pattern, "type"), pattern.path("interval").asInt(1),
                        positive(pattern, "month"), positive(pattern, "dayOfMonth"), days,
                        text(pattern, "firstDayOfWeek"), text(pattern, "index")),
                new BookingUpdate.Recurrence.Range(required(range, "type"), required(range, "startDate"),
                        endDate == null || endDate.startsWith("0001-") ? null : endDate,
                        positive(range, "numberOfOccurrences"), text(range, "recurrenceTimeZone")));
    }

    private static Integer positive(JsonNode node, String field) {
        int value = node.path(field).asInt(0);
        return value > 0 ? value : null;
    }

    /** Graph's dateTimeTimeZone: a local date-time and the zone it is in (UTC when asked for). */
    private static Instant time(JsonNode event, String field) {
        JsonNode value = event.path(field);
        String dateTime = text(value, "dateTime");
        if (dateTime == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        String zone = text(value, "timeZone");
        ZoneId zoneId;
        try {
            zoneId = zone == null || zone.equalsIgnoreCase("UTC") ? ZoneOffset.UTC : ZoneId.of(zone);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException(field + " is in time zone " + zone + ", expected UTC");
        }
        return LocalDateTime.parse(dateTime).atZone(zoneId).toInstant();
    }

    private static Sensitivity sensitivity(String value) {
        return value == null ? Sensitivity.NORMAL : Sensitivity.valueOf(value.toUpperCase(Locale.ROOT));
    }

    private static OccurrenceType type(String value) {
        if (value == null) {
            return OccurrenceType.SINGLE;
        }
        return switch (value) {
            case "singleInstance" -> OccurrenceType.SINGLE;
            case "occurrence" -> OccurrenceType.OCCURRENCE;
            case "exception" -> OccurrenceType.EXCEPTION;
            case "seriesMaster" -> OccurrenceType.SERIES_MASTER;
            default -> throw new IllegalArgumentException("unknown event type " + value);
        };
    }

    private static List<BookingUpdate.Attendee> attendees(JsonNode attendees) {
        List<BookingUpdate.Attendee> result = new ArrayList<>();
        for (JsonNode attendee : attendees) {
            JsonNode address = attendee.path("emailAddress");
            result.add(new BookingUpdate.Attendee(text(address, "address"), text(address, "name"),
                    attendeeType(text(attendee, "type")), response(text(attendee.path("status"), "response"))));
        }
        return result;
    }

    private static AttendeeType attendeeType(String value) {
        return value == null ? AttendeeType.REQUIRED : AttendeeType.valueOf(value.toUpperCase(Locale.ROOT));
    }

    static ResponseType response(String value) {
        if (value == null) {
            return ResponseType.NONE;
        }
        return switch (value) {
            case "accepted" -> ResponseType.ACCEPTED;
            case "tentativelyAccepted" -> ResponseType.TENTATIVE;
            case "declined" -> ResponseType.DECLINED;
            case "organizer" -> ResponseType.ORGANIZER;
            default -> ResponseType.NONE;
        };
    }

    private static BookingUpdate.Person person(JsonNode address) {
        return address.isMissingNode() ? null : new BookingUpdate.Person(text(address, "name"), text(address, "address"));
    }

    private static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? null : value.asString();
    }
}
