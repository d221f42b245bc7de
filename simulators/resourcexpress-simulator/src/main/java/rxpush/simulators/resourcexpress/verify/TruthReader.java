package rxpush.simulators.resourcexpress.verify;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import rxpush.simulators.resourcexpress.bookings.SimJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads truth JSON leniently in shape (the exchange-simulator is its main producer and grows on its
 * own), strictly in content: every item needs an id, instants must parse. Accepted shapes:
 * {@code {"mailboxes":[{"mailbox":..,"items":[..]}]}}, {@code {"mailboxes":{"<address>":[..]}}},
 * the same without the {@code mailboxes} wrapper, and {@code {"<address>":{"items":[..]}}}. A mailbox
 * object may also list {@code occurrences} and {@code deleted} (tombstones, read as cancelled items).
 * Free/busy items ({@code itemClass} other than {@code IPM.Appointment*}) are not bookings and skipped.
 */
final class TruthReader {

    private static final List<String> ITEM_LISTS = List.of("items", "calendar", "events", "bookings");
    private static final List<String> DELETED_LISTS = List.of("deleted", "tombstones");
    private static final List<String> ADDRESS = List.of("mailbox", "address", "smtpAddress", "email");
    private static final List<String> IDS = List.of("itemId", "id", "ewsId", "immutableId");
    private static final List<String> MASTER_IDS = List.of("seriesMasterId", "seriesMasterEwsId",
            "seriesMasterImmutableId");

    private TruthReader() {
    }

    static Truth read(String json) {
        JsonNode root;
        try {
            root = SimJson.mapper().readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("truth is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new IllegalArgumentException("truth is empty");
        }
        JsonNode mailboxes = root.isObject() && root.has("mailboxes") ? root.get("mailboxes") : root;
        List<TruthMailbox> result = new ArrayList<>();
        if (mailboxes.isArray()) {
            for (int i = 0; i < mailboxes.size(); i++) {
                JsonNode mailbox = mailboxes.get(i);
                String address = firstText(mailbox, ADDRESS);
                if (address == null) {
                    throw new IllegalArgumentException("truth mailboxes[" + i + "] has no mailbox address");
                }
                result.add(mailbox(address, mailbox));
            }
        } else if (mailboxes.isObject()) {
            for (Map.Entry<String, JsonNode> entry : mailboxes.properties()) {
                JsonNode value = entry.getValue();
                result.add(value.isArray() ? new TruthMailbox(entry.getKey(), items(value, entry.getKey(), false))
                        : mailbox(entry.getKey(), value));
            }
        } else {
            throw new IllegalArgumentException("truth must be a JSON object or array of mailboxes");
        }
        String at = root.isObject() ? firstText(root, List.of("at")) : null;
        return new Truth(result, at == null ? null : instant(at, "truth", "at"));
    }

    private static TruthMailbox mailbox(String address, JsonNode mailbox) {
        List<TruthItem> items = new ArrayList<>(items(itemList(mailbox, address), address, false));
        DELETED_LISTS.stream().filter(name -> mailbox.path(name).isArray())
                .forEach(name -> items.addAll(items(mailbox.get(name), address, true)));
        JsonNode occurrences = mailbox.path("occurrences");
        return new TruthMailbox(address, items,
                occurrences.isArray() ? items(occurrences, address, false) : List.of());
    }

    private static JsonNode itemList(JsonNode mailbox, String address) {
        for (String name : ITEM_LISTS) {
            if (mailbox.has(name) && mailbox.get(name).isArray()) {
                return mailbox.get(name);
            }
        }
        throw new IllegalArgumentException("truth mailbox " + address + " has no item list (one of " + ITEM_LISTS + ")");
    }

    private static List<TruthItem> items(JsonNode list, String address, boolean deleted) {
        List<TruthItem> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String where = "truth mailbox " + address + " item " + i;
            String itemClass = firstText(item, List.of("itemClass"));
            if (itemClass != null && !itemClass.startsWith("IPM.Appointment")) {
                continue;
            }
            List<String> ids = IDS.stream().map(name -> firstText(item, List.of(name))).filter(Objects::nonNull)
                    .distinct().toList();
            if (ids.isEmpty()) {
                throw new IllegalArgumentException(where + " has no itemId");
            }
            Long sequence = null;
            for (String name : List.of("sequence", "seq")) {
                if (item.has(name) && item.get(name).isIntegralNumber()) {
                    sequence = item.get(name).longValue();
                }
            }
            boolean cancelled = deleted || List.of("cancelled", "isCancelled", "deleted", "removed").stream()
                    .anyMatch(name -> item.has(name) && item.get(name).asBoolean());
            List<String> masters = MASTER_IDS.stream().map(name -> firstText(item, List.of(name)))
                    .filter(Objects::nonNull).distinct().toList();
            JsonNode recurrence = item.path("recurrence");
            items.add(new TruthItem(ids.getFirst(), ids.subList(1, ids.size()), firstText(item, List.of("changeKey")),
                    instant(firstText(item, List.of("lastModified", "lastModifiedDateTime", "lastModifiedTime")), where),
                    cancelled, sequence, firstText(item, List.of("bookingId")), type(firstText(item, List.of("type"))),
                    time(item.get("start"), where, "start"), time(item.get("end"), where, "end"), masters,
                    recurrence.isObject() ? recurrence : null));
        }
        return items;
    }

    /** The contract's occurrenceType for the truth's {@code type} (ours or Graph's spelling), or null. */
    static String type(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.replace("_", "").toLowerCase(java.util.Locale.ROOT)) {
            case "single", "singleinstance" -> "SINGLE";
            case "occurrence" -> "OCCURRENCE";
            case "exception" -> "EXCEPTION";
            case "seriesmaster", "recurringmaster" -> "SERIES_MASTER";
            default -> null;
        };
    }

    /** An instant as text, or Graph's {@code {"dateTime", "timeZone"}} in UTC; null when absent. */
    private static Instant time(JsonNode node, String where, String what) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            return instant(node.stringValue(), where, what);
        }
        String dateTime = firstText(node, List.of("dateTime"));
        if (dateTime == null) {
            return null;
        }
        String zone = firstText(node, List.of("timeZone"));
        if (zone != null && !zone.equalsIgnoreCase("UTC")) {
            return null; // another zone: not judged by time
        }
        return java.time.LocalDateTime.parse(dateTime).toInstant(java.time.ZoneOffset.UTC);
    }

    private static Instant instant(String value, String where) {
        return instant(value, where, "lastModified");
    }

    private static Instant instant(String value, String where, String what) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException again) {
                throw new IllegalArgumentException(where + " has an unreadable " + what + ": " + value, again);
            }
        }
    }

    private static String firstText(JsonNode node, List<String> names) {
        if (node == null || !node.isObject()) {
            return null;
        }
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && value.isString() && !value.stringValue().isBlank()) {
                return value.stringValue();
            }
        }
        return null;
    }
}
