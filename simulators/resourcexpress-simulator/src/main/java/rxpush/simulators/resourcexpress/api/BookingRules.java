package rxpush.simulators.resourcexpress.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import rxpush.common.contract.BookingIds;
import rxpush.common.contract.BookingUpdate;
import rxpush.common.contract.Source;
import rxpush.simulators.resourcexpress.bookings.ApiError.Violation;
import tools.jackson.databind.JsonNode;

/**
 * The contract's rules for a PUT body, field by field, collecting every violation:
 * <ul>
 *   <li>no fields beyond the contract's (RX must not receive fields it did not define);
 *   <li>required, non-null: bookingId (equal to the path's), mailbox (an e-mail address), source,
 *       itemId, changeKey, lastModified, start, end (not before start), isAllDay, isCancelled,
 *       sensitivity, occurrenceType; attendee type and response;
 *   <li>optional, string or null: iCalUid, subject, timeZone, location, seriesMasterId, organizer
 *       and attendee name/email; organizer is an object or null; attendees an array or null;
 *   <li>instants are ISO-8601 UTC ({@code 2026-11-25T09:00:00Z}, fractions allowed, no offsets);
 *   <li>enums are the exact upper-case names;
 *   <li>series (amendment of 2026-12-04): seriesMasterId on OCCURRENCE/EXCEPTION only, recurrence on
 *       SERIES_MASTER only ({@link RecurrenceRules}).
 * </ul>
 */
final class BookingRules {

    private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9._~-]+");
    private static final Pattern UTC_INSTANT =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");
    private static final Set<String> FIELDS = Set.of("bookingId", "mailbox", "source", "itemId", "iCalUid",
            "changeKey", "lastModified", "subject", "organizer", "start", "end", "timeZone", "isAllDay",
            "isCancelled", "location", "sensitivity", "occurrenceType", "seriesMasterId", "attendees",
            "recurrence");
    private static final Set<String> PERSON_FIELDS = Set.of("name", "email");
    private static final Set<String> ATTENDEE_FIELDS = Set.of("email", "name", "type", "response");

    private final List<Violation> violations = new ArrayList<>();

    private BookingRules() {
    }

    static List<Violation> check(JsonNode body, String pathId) {
        BookingRules rules = new BookingRules();
        rules.checkBody(body, pathId);
        return List.copyOf(rules.violations);
    }

    private void checkBody(JsonNode body, String pathId) {
        onlyKnown(body, FIELDS, "");
        String bookingId = text(body, "bookingId", "bookingId", true);
        if (bookingId != null && bookingId.length() > BookingIds.MAX_LENGTH) {
            add("bookingId", "must be at most " + BookingIds.MAX_LENGTH + " characters");
        } else if (bookingId != null && !bookingId.equals(pathId)) {
            add("bookingId", "must equal the bookingId in the path");
        }
        String mailbox = text(body, "mailbox", "mailbox", true);
        if (mailbox != null && !isEmail(mailbox)) {
            add("mailbox", "must be an e-mail address");
        }
        oneOf(body, "source", "source", Source.class);
        text(body, "itemId", "itemId", true);
        text(body, "iCalUid", "iCalUid", false);
        text(body, "changeKey", "changeKey", true);
        instant(body, "lastModified");
        text(body, "subject", "subject", false);
        person(body.get("organizer"), "organizer");
        Instant start = instant(body, "start");
        Instant end = instant(body, "end");
        if (start != null && end != null && end.isBefore(start)) {
            add("end", "must not be before start");
        }
        text(body, "timeZone", "timeZone", false);
        bool(body, "isAllDay");
        bool(body, "isCancelled");
        text(body, "location", "location", false);
        oneOf(body, "sensitivity", "sensitivity", BookingUpdate.Sensitivity.class);
        String type = oneOf(body, "occurrenceType", "occurrenceType", BookingUpdate.OccurrenceType.class);
        String master = text(body, "seriesMasterId", "seriesMasterId", false);
        seriesLink(type, master);
        RecurrenceRules.check(body.get("recurrence"), type, this::add);
        attendees(body.get("attendees"));
    }

    /**
     * The amendment ties occurrences to their series: an OCCURRENCE or EXCEPTION names its master's
     * bookingId (URL-safe like any bookingId); a SINGLE or SERIES_MASTER has none. An occurrence
     * without one is accepted (forwarders before the amendment could not always name it);
     * {@code verify} in series mode reports it as stale.
     */
    private void seriesLink(String type, String master) {
        if (type == null || master == null) {
            return;
        }
        boolean occurrence = type.equals("OCCURRENCE") || type.equals("EXCEPTION");
        if (occurrence && (master.length() > BookingIds.MAX_LENGTH || !URL_SAFE.matcher(master).matches())) {
            add("seriesMasterId", "must be a bookingId (1-" + BookingIds.MAX_LENGTH + " URL-safe characters)");
        } else if (!occurrence) {
            add("seriesMasterId", "must be null for a " + type);
        }
    }

    private void person(JsonNode node, String path) {
        if (isNull(node)) {
            return;
        }
        if (!node.isObject()) {
            add(path, "must be an object or null");
            return;
        }
        onlyKnown(node, PERSON_FIELDS, path + ".");
        text(node, "name", path + ".name", false);
        text(node, "email", path + ".email", false);
    }

    private void attendees(JsonNode node) {
        if (isNull(node)) {
            return;
        }
        if (!node.isArray()) {
            add("attendees", "must be an array or null");
            return;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode attendee = node.get(i);
            String path = "attendees[" + i + "]";
            if (!attendee.isObject()) {
                add(path, "must be an object");
                continue;
            }
            onlyKnown(attendee, ATTENDEE_FIELDS, path + ".");
            text(attendee, "email", path + ".email", false);
            text(attendee, "name", path + ".name", false);
            oneOf(attendee, "type", path + ".type", BookingUpdate.AttendeeType.class);
            oneOf(attendee, "response", path + ".response", BookingUpdate.ResponseType.class);
        }
    }

    private void onlyKnown(JsonNode node, Set<String> known, String prefix) {
        node.propertyNames().stream().filter(name -> !known.contains(name)).sorted()
                .forEach(name -> add(prefix + name, "is not a field of the contract"));
    }

    private String text(JsonNode parent, String field, String path, boolean required) {
        JsonNode node = parent.get(field);
        if (isNull(node)) {
            if (required) {
                add(path, "is required");
            }
            return null;
        }
        if (!node.isString()) {
            add(path, "must be a string");
            return null;
        }
        if (required && node.stringValue().isBlank()) {
            add(path, "must not be blank");
            return null;
        }
        return node.stringValue();
    }

    private Instant instant(JsonNode parent, String field) {
        String value = text(parent, field, field, true);
        if (value == null) {
            return null;
        }
        Instant parsed = utcInstant(value);
        if (parsed == null) {
            add(field, "must be an ISO-8601 UTC instant such as 2026-11-25T09:00:00Z");
        }
        return parsed;
    }

    /** The instant, or {@code null} unless {@code value} is ISO-8601 UTC ending in Z. */
    static Instant utcInstant(String value) {
        if (value == null || !UTC_INSTANT.matcher(value).matches()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (RuntimeException e) {
            return null; // digits in the right places but not a date (month 13)
        }
    }

    private void bool(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (isNull(node)) {
            add(field, "is required");
        } else if (!node.isBoolean()) {
            add(field, "must be true or false");
        }
    }

    private <E extends Enum<E>> String oneOf(JsonNode parent, String field, String path, Class<E> type) {
        String value = text(parent, field, path, true);
        if (value != null && Arrays.stream(type.getEnumConstants()).noneMatch(e -> e.name().equals(value))) {
            add(path, "must be one of " + Arrays.toString(type.getEnumConstants()));
            return null;
        }
        return value;
    }

    private static boolean isNull(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    private static boolean isEmail(String address) {
        int at = address.indexOf('@');
        return at > 0 && at == address.lastIndexOf('@') && at < address.length() - 1
                && address.chars().noneMatch(Character::isWhitespace);
    }

    private void add(String field, String message) {
        violations.add(new Violation(field, message));
    }
}
