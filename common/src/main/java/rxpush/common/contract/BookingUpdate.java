package rxpush.common.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 *
 * <p>A series master ({@code SERIES_MASTER}) carries its {@code recurrence} (the contract's amendment
 * "Recurring series and the sync window"): RX keeps it as the parent of the occurrences and does not
 * book the room for it. Every other booking leaves {@code recurrence} out of the JSON.
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
        List<Attendee> attendees,
        @JsonInclude(JsonInclude.Include.NON_NULL) Recurrence recurrence) {

    /** A booking without recurrence (everything but a series master). */
    public BookingUpdate(String bookingId, String mailbox, Source source, String itemId, String iCalUid,
            String changeKey, Instant lastModified, String subject, Person organizer, Instant start, Instant end,
            String timeZone, boolean isAllDay, boolean isCancelled, String location, Sensitivity sensitivity,
            OccurrenceType occurrenceType, String seriesMasterId, List<Attendee> attendees) {
        this(bookingId, mailbox, source, itemId, iCalUid, changeKey, lastModified, subject, organizer, start, end,
                timeZone, isAllDay, isCancelled, location, sensitivity, occurrenceType, seriesMasterId, attendees, null);
    }

    /** This booking with the series' recurrence (for a series master). */
    public BookingUpdate withRecurrence(Recurrence value) {
        return new BookingUpdate(bookingId, mailbox, source, itemId, iCalUid, changeKey, lastModified, subject,
                organizer, start, end, timeZone, isAllDay, isCancelled, location, sensitivity, occurrenceType,
                seriesMasterId, attendees, value);
    }

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

    /**
     * A series' pattern and range as Exchange states them, in Microsoft Graph's terms
     * (patternedRecurrence): pattern type {@code daily}, {@code weekly}, {@code absoluteMonthly},
     * {@code relativeMonthly}, {@code absoluteYearly} or {@code relativeYearly}; range type
     * {@code endDate}, {@code noEnd} or {@code numbered}; dates as {@code yyyy-MM-dd}.
     */
    public record Recurrence(Pattern pattern, Range range) {

        public Recurrence {
            Require.present(pattern, "recurrence pattern");
            Require.present(range, "recurrence range");
        }

        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record Pattern(String type, int interval, Integer month, Integer dayOfMonth, List<String> daysOfWeek,
                String firstDayOfWeek, String index) {

            public Pattern {
                Require.text(type, "recurrence pattern type");
                daysOfWeek = daysOfWeek == null || daysOfWeek.isEmpty() ? null : List.copyOf(daysOfWeek);
            }
        }

        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record Range(String type, String startDate, String endDate, Integer numberOfOccurrences,
                String recurrenceTimeZone) {

            public Range {
                Require.text(type, "recurrence range type");
                Require.text(startDate, "recurrence range startDate");
            }
        }
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
