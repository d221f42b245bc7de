package rxpush.common.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code PUT {TenantUrl}/api/push/v1/bookings/{bookingId}}: the ResourceXpress push API,
 * version 1 (docs/resourcexpress-push-api.md).
 *
 * <p>Unlike the topic records this body has no {@code schemaVersion}: it is ResourceXpress's format,
 * versioned by the URL path ({@code /api/push/v1}), and RX must not receive fields it did not define.
 * Instants are UTC; {@code timeZone} keeps the organizer's original (Windows) time zone name.
 */
public record BookingUpdate(
        String bookingId,
        String mailbox,
        Source source,
        String itemId,
        @JsonProperty("iCalUid") String iCalUid,
        String changeKey,
        Instant lastModified,
        String subject,
        Person organizer,
        Instant start,
        Instant end,
        String timeZone,
        @JsonProperty("isAllDay") boolean isAllDay,
        @JsonProperty("isCancelled") boolean isCancelled,
        String location,
        Sensitivity sensitivity,
        OccurrenceType occurrenceType,
        String seriesMasterId,
        List<Attendee> attendees) {

    public BookingUpdate {
        Require.text(bookingId, "bookingId");
        if (bookingId.length() > BookingIds.MAX_LENGTH) {
            throw new IllegalArgumentException("bookingId is longer than " + BookingIds.MAX_LENGTH);
        }
        mailbox = Require.mailbox(mailbox, "mailbox");
        Require.present(source, "source");
        Require.text(itemId, "itemId");
        Require.present(lastModified, "lastModified");
        Require.present(start, "start");
        Require.present(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end is before start");
        }
        Require.present(sensitivity, "sensitivity");
        Require.present(occurrenceType, "occurrenceType");
        attendees = attendees == null ? List.of() : List.copyOf(attendees);
    }

    /** A name and an e-mail address (the organizer). */
    public record Person(String name, String email) {
    }

    /** One attendee with its kind and its answer. */
    public record Attendee(String email, String name, AttendeeType type, ResponseType response) {

        public Attendee {
            Require.present(type, "attendee type");
            Require.present(response, "attendee response");
        }
    }

    public enum Sensitivity { NORMAL, PERSONAL, PRIVATE, CONFIDENTIAL }

    public enum OccurrenceType { SINGLE, OCCURRENCE, EXCEPTION, SERIES_MASTER }

    public enum AttendeeType { REQUIRED, OPTIONAL, RESOURCE }

    public enum ResponseType { NONE, ACCEPTED, TENTATIVE, DECLINED, ORGANIZER }
}
