package rxpush.simulators.resourcexpress.verify;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import rxpush.common.contract.BookingUpdate;
import rxpush.common.contract.BookingUpdate.OccurrenceType;
import rxpush.simulators.resourcexpress.bookings.SimJson;
import rxpush.simulators.resourcexpress.bookings.StoredBooking;
import tools.jackson.databind.JsonNode;

/**
 * The series rules of a series verify (contract amendment "Recurring series and the sync window"):
 * how a master and an occurrence must be held, and which held bookings book one slot twice.
 */
final class SeriesRules {

    private SeriesRules() {
    }

    /**
     * Why RX holds {@code held} in another shape than the truth's master or occurrence {@code item}
     * of {@code mailbox}, or null when the shape is right (or the truth does not say its type).
     */
    static String shape(String mailbox, TruthItem item, StoredBooking held) {
        BookingUpdate booking = held.booking();
        if (item.isMaster()) {
            if (booking.occurrenceType() != OccurrenceType.SERIES_MASTER) {
                return "Exchange has a SERIES_MASTER, RX holds a " + booking.occurrenceType()
                        + " (a booking of its own)";
            }
            JsonNode recurrence = recurrenceOf(held);
            if (recurrence == null) {
                return "series master held without its recurrence";
            }
            if (item.recurrence() != null && !normalized(item.recurrence()).equals(normalized(recurrence))) {
                return "recurrence " + normalized(recurrence) + " is not Exchange's " + normalized(item.recurrence());
            }
            return null;
        }
        if (item.isOccurrence()) {
            if (!item.type().equals(booking.occurrenceType().name())) {
                return "Exchange has an " + item.type() + ", RX holds a " + booking.occurrenceType();
            }
            List<String> masterBookings = item.seriesMasterIds().stream()
                    .map(id -> new TruthItem(id, null, null, false).bookingIdsIn(mailbox).getFirst()).toList();
            if (!masterBookings.isEmpty() && !masterBookings.contains(booking.seriesMasterId())) {
                return "seriesMasterId " + booking.seriesMasterId() + " is not the master's bookingId";
            }
            if (item.start() != null && !sameSecond(item.start(), booking.start())
                    || item.end() != null && !sameSecond(item.end(), booking.end())) {
                return "RX holds " + booking.start() + "-" + booking.end() + ", Exchange " + item.start() + "-"
                        + item.end();
            }
        }
        return null;
    }

    /**
     * Held bookings that book a slot of a series that another held booking of the same series already
     * books: same mailbox, same series (an occurrence's seriesMasterId, or the bookingId of a master
     * held as a booking of its own), same start and end. A booking held as SERIES_MASTER books no slot.
     * Within a slot the occurrences Exchange has ({@code occurrenceBookingIds}) come first; every
     * booking after the first is a finding.
     */
    static List<StoredBooking> doubleBooked(List<StoredBooking> rx, Set<String> masterBookingIds,
            Set<String> occurrenceBookingIds) {
        record Slot(String mailbox, String series, Instant start, Instant end) {
        }
        Map<Slot, List<StoredBooking>> slots = new LinkedHashMap<>();
        for (StoredBooking held : rx) {
            BookingUpdate b = held.booking();
            String series = switch (b.occurrenceType()) {
                case OCCURRENCE, EXCEPTION -> b.seriesMasterId();
                case SINGLE -> masterBookingIds.contains(held.bookingId()) ? held.bookingId() : null;
                case SERIES_MASTER -> null;
            };
            if (series != null) {
                slots.computeIfAbsent(new Slot(b.mailbox().toLowerCase(Locale.ROOT), series,
                        b.start().truncatedTo(ChronoUnit.SECONDS), b.end().truncatedTo(ChronoUnit.SECONDS)),
                        k -> new ArrayList<>()).add(held);
            }
        }
        List<StoredBooking> doubled = new ArrayList<>();
        for (List<StoredBooking> slot : slots.values()) {
            if (slot.size() > 1) {
                slot.stream().sorted(Comparator.comparing((StoredBooking h) -> !occurrenceBookingIds.contains(h.bookingId()))
                        .thenComparing(StoredBooking::bookingId)).skip(1).forEach(doubled::add);
            }
        }
        return doubled;
    }

    /** The recurrence RX was sent for this booking (kept raw, or as the booking maps it), or null. */
    static JsonNode recurrenceOf(StoredBooking held) {
        if (held.recurrence() != null) {
            return held.recurrence();
        }
        JsonNode mapped = SimJson.mapper().valueToTree(held.booking()).get("recurrence");
        return mapped == null || mapped.isNull() ? null : mapped;
    }

    /**
     * The parts of a recurrence that define its occurrences: pattern type, interval, days (as a set),
     * day of month, month, index; range type, start date, and the end date or count its type uses.
     * The time zone and first day of week are left out (they do not move an occurrence of these shapes).
     */
    static Map<String, Object> normalized(JsonNode recurrence) {
        Map<String, Object> parts = new LinkedHashMap<>();
        JsonNode pattern = recurrence.path("pattern");
        JsonNode range = recurrence.path("range");
        parts.put("type", pattern.path("type").asString(null));
        parts.put("interval", pattern.path("interval").asInt(1));
        Set<String> days = new TreeSet<>();
        pattern.path("daysOfWeek").forEach(day -> days.add(day.asString("").toLowerCase(Locale.ROOT)));
        if (!days.isEmpty()) {
            parts.put("daysOfWeek", days);
        }
        for (String field : List.of("dayOfMonth", "month")) {
            if (pattern.path(field).asInt(0) > 0) {
                parts.put(field, pattern.path(field).asInt());
            }
        }
        String type = pattern.path("type").asString("");
        if (type.startsWith("relative")) {
            parts.put("index", pattern.path("index").asString("first"));
        }
        String rangeType = range.path("type").asString(null);
        parts.put("range", rangeType);
        parts.put("startDate", range.path("startDate").asString(null));
        if ("endDate".equals(rangeType)) {
            parts.put("endDate", range.path("endDate").asString(null));
        }
        if ("numbered".equals(rangeType)) {
            parts.put("numberOfOccurrences", range.path("numberOfOccurrences").asInt(0));
        }
        parts.values().removeIf(Objects::isNull);
        return parts;
    }

    private static boolean sameSecond(Instant a, Instant b) {
        return a.truncatedTo(ChronoUnit.SECONDS).equals(b.truncatedTo(ChronoUnit.SECONDS));
    }
}
