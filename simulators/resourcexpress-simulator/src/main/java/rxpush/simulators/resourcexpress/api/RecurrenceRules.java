package rxpush.simulators.resourcexpress.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import tools.jackson.databind.JsonNode;

/**
 * The contract's rules for {@code recurrence} (amendment "Recurring series and the sync window"):
 * the series' pattern and range in Microsoft Graph's patternedRecurrence terms, on a
 * {@code SERIES_MASTER} only. The shapes follow Graph's recurrencePattern and recurrenceRange
 * (https://learn.microsoft.com/en-us/graph/api/resources/recurrencepattern,
 * https://learn.microsoft.com/en-us/graph/api/resources/recurrencerange):
 * <ul>
 *   <li>{@code pattern.type}: daily, weekly, absoluteMonthly, relativeMonthly, absoluteYearly,
 *       relativeYearly; {@code interval} at least 1; {@code daysOfWeek} (weekly, relative*) day
 *       names; {@code dayOfMonth} 1-31 (absolute*); {@code month} 1-12 (yearly);
 *       {@code firstDayOfWeek}, {@code index} (first..last) optional;
 *   <li>{@code range.type}: endDate, noEnd, numbered; {@code startDate} (yyyy-MM-dd) always;
 *       {@code endDate} for endDate (not before startDate); {@code numberOfOccurrences} at least 1 for
 *       numbered; {@code recurrenceTimeZone} optional.
 * </ul>
 */
final class RecurrenceRules {

    static final Set<String> PATTERN_TYPES = Set.of("daily", "weekly", "absoluteMonthly", "relativeMonthly",
            "absoluteYearly", "relativeYearly");
    static final Set<String> RANGE_TYPES = Set.of("endDate", "noEnd", "numbered");
    static final Set<String> DAYS = Set.of("sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday");
    private static final Set<String> INDEXES = Set.of("first", "second", "third", "fourth", "last");
    private static final Set<String> FIELDS = Set.of("pattern", "range");
    private static final Set<String> PATTERN_FIELDS = Set.of("type", "interval", "month", "dayOfMonth", "daysOfWeek",
            "firstDayOfWeek", "index");
    private static final Set<String> RANGE_FIELDS = Set.of("type", "startDate", "endDate", "numberOfOccurrences",
            "recurrenceTimeZone");

    private final BiConsumer<String, String> violation;

    private RecurrenceRules(BiConsumer<String, String> violation) {
        this.violation = violation;
    }

    /**
     * Checks {@code recurrence} of a body whose occurrenceType is {@code occurrenceType} (null when that
     * is itself invalid): absent or null on every type but SERIES_MASTER. A master without it is
     * accepted here, because forwarders of the contract before the amendment send none and their
     * bookings must keep arriving; {@code verify} in series mode reports such a master as stale.
     */
    static void check(JsonNode recurrence, String occurrenceType, BiConsumer<String, String> violation) {
        boolean absent = recurrence == null || recurrence.isNull() || recurrence.isMissingNode();
        if (!"SERIES_MASTER".equals(occurrenceType)) {
            if (!absent && occurrenceType != null) {
                violation.accept("recurrence", "is only allowed on a SERIES_MASTER");
            }
            return;
        }
        if (absent) {
            return;
        }
        new RecurrenceRules(violation).recurrence(recurrence);
    }

    private void recurrence(JsonNode node) {
        if (!object(node, "recurrence", FIELDS)) {
            return;
        }
        JsonNode pattern = node.get("pattern");
        if (object(pattern, "recurrence.pattern", PATTERN_FIELDS)) {
            pattern(pattern);
        }
        JsonNode range = node.get("range");
        if (object(range, "recurrence.range", RANGE_FIELDS)) {
            range(range);
        }
    }

    private void pattern(JsonNode pattern) {
        String type = oneOf(pattern, "type", "recurrence.pattern.type", PATTERN_TYPES, true);
        JsonNode interval = pattern.get("interval");
        if (interval == null || !interval.isIntegralNumber() || interval.intValue() < 1) {
            violation.accept("recurrence.pattern.interval", "must be an integer of at least 1");
        }
        boolean needsDays = "weekly".equals(type) || "relativeMonthly".equals(type) || "relativeYearly".equals(type);
        JsonNode days = pattern.get("daysOfWeek");
        if (days != null && !days.isNull()) {
            if (!days.isArray()) {
                violation.accept("recurrence.pattern.daysOfWeek", "must be an array of day names");
            } else {
                for (int i = 0; i < days.size(); i++) {
                    if (!days.get(i).isString() || !DAYS.contains(days.get(i).stringValue())) {
                        violation.accept("recurrence.pattern.daysOfWeek[" + i + "]", "must be one of " + DAYS);
                    }
                }
            }
        }
        if (needsDays && (days == null || !days.isArray() || days.isEmpty())) {
            violation.accept("recurrence.pattern.daysOfWeek", "is required for a " + type + " pattern");
        }
        if ("absoluteMonthly".equals(type) || "absoluteYearly".equals(type)) {
            integer(pattern, "dayOfMonth", 1, 31, true);
        } else {
            integer(pattern, "dayOfMonth", 0, 31, false);
        }
        integer(pattern, "month", "absoluteYearly".equals(type) || "relativeYearly".equals(type) ? 1 : 0, 12,
                "absoluteYearly".equals(type) || "relativeYearly".equals(type));
        oneOf(pattern, "firstDayOfWeek", "recurrence.pattern.firstDayOfWeek", DAYS, false);
        oneOf(pattern, "index", "recurrence.pattern.index", INDEXES, false);
    }

    private void range(JsonNode range) {
        String type = oneOf(range, "type", "recurrence.range.type", RANGE_TYPES, true);
        LocalDate start = date(range, "startDate", true);
        LocalDate end = date(range, "endDate", "endDate".equals(type));
        if (start != null && end != null && "endDate".equals(type) && end.isBefore(start)) {
            violation.accept("recurrence.range.endDate", "must not be before startDate");
        }
        integer(range, "numberOfOccurrences", "numbered".equals(type) ? 1 : 0, Integer.MAX_VALUE,
                "numbered".equals(type));
        JsonNode zone = range.get("recurrenceTimeZone");
        if (zone != null && !zone.isNull() && !zone.isString()) {
            violation.accept("recurrence.range.recurrenceTimeZone", "must be a string or null");
        }
    }

    private boolean object(JsonNode node, String path, Set<String> known) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            violation.accept(path, "is required");
            return false;
        }
        if (!node.isObject()) {
            violation.accept(path, "must be an object");
            return false;
        }
        node.propertyNames().stream().filter(name -> !known.contains(name)).sorted()
                .forEach(name -> violation.accept(path + "." + name, "is not a field of the contract"));
        return true;
    }

    private String oneOf(JsonNode parent, String field, String path, Set<String> allowed, boolean required) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                violation.accept(path, "is required");
            }
            return null;
        }
        if (!node.isString() || !allowed.contains(node.stringValue())) {
            violation.accept(path, "must be one of " + List.copyOf(new java.util.TreeSet<>(allowed)));
            return null;
        }
        return node.stringValue();
    }

    private void integer(JsonNode parent, String field, int min, int max, boolean required) {
        JsonNode node = parent.get(field);
        String path = "recurrence." + (parent.has("startDate") || parent.has("numberOfOccurrences") ? "range." : "pattern.")
                + field;
        if (node == null || node.isNull()) {
            if (required) {
                violation.accept(path, "is required");
            }
            return;
        }
        if (!node.isIntegralNumber() || node.longValue() < min || node.longValue() > max) {
            violation.accept(path, "must be an integer from " + min + " to " + max);
        }
    }

    private LocalDate date(JsonNode range, String field, boolean required) {
        JsonNode node = range.get(field);
        String path = "recurrence.range." + field;
        if (node == null || node.isNull()) {
            if (required) {
                violation.accept(path, "is required");
            }
            return null;
        }
        if (!node.isString()) {
            violation.accept(path, "must be a date such as 2026-12-07");
            return null;
        }
        try {
            return LocalDate.parse(node.stringValue());
        } catch (DateTimeParseException e) {
            violation.accept(path, "must be a date such as 2026-12-07");
            return null;
        }
    }
}
