package rxpush.forwarder.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import rxpush.common.contract.BookingIds;
import rxpush.common.contract.BookingUpdate;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.ChangeType;
import rxpush.common.contract.SchemaVersions;
import rxpush.common.contract.Source;

/** Contract values for tests. */
public final class Samples {

    public static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
    /**
     * When sample bookings take place: tomorrow by the wall clock, so they stay inside the resync window
     * (1 day back to 180 days ahead of the forwarder's clock) whatever day the tests run.
     */
    public static final Instant BOOKED_AT = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(1));

    private Samples() {
    }

    public static BookingUpdate booking(String mailbox, String itemId, String changeKey, Instant lastModified) {
        return new BookingUpdate(BookingIds.bookingId(mailbox, itemId), mailbox, Source.EWS, itemId, "uid-" + itemId,
                changeKey, lastModified, "Planning", new BookingUpdate.Person("Ada Lovelace", "ada@contoso.com"),
                BOOKED_AT, BOOKED_AT.plusSeconds(3_600), "W. Europe Standard Time", false, false, "Room 101",
                BookingUpdate.Sensitivity.NORMAL, BookingUpdate.OccurrenceType.SINGLE, null,
                List.of(new BookingUpdate.Attendee("bob@contoso.com", "Bob", BookingUpdate.AttendeeType.REQUIRED,
                        BookingUpdate.ResponseType.ACCEPTED)));
    }

    /** A booking of a series: its master ({@code masterItemId} null) or one of its occurrences. */
    public static BookingUpdate seriesPart(String mailbox, String itemId, String masterItemId, String changeKey,
            Instant lastModified) {
        BookingUpdate b = booking(mailbox, itemId, changeKey, lastModified);
        return new BookingUpdate(b.bookingId(), mailbox, b.source(), itemId, b.iCalUid(), changeKey, lastModified,
                b.subject(), b.organizer(), b.start(), b.end(), b.timeZone(), false, false, b.location(), b.sensitivity(),
                masterItemId == null ? BookingUpdate.OccurrenceType.SERIES_MASTER : BookingUpdate.OccurrenceType.OCCURRENCE,
                masterItemId == null ? null : BookingIds.bookingId(mailbox, masterItemId), b.attendees(),
                masterItemId == null ? WEEKLY : null);
    }

    /** A weekly series on Mondays with an end date, as Graph states it. */
    public static final BookingUpdate.Recurrence WEEKLY = new BookingUpdate.Recurrence(
            new BookingUpdate.Recurrence.Pattern("weekly", 1, null, null, List.of("monday"), "sunday", null),
            new BookingUpdate.Recurrence.Range("endDate", "2026-12-07", "2027-02-08", null, "W. Europe Standard Time"));

    /** An occurrence of a series at its own slot, {@code weeks} weeks after the sample booking's. */
    public static BookingUpdate occurrence(String mailbox, String itemId, String masterItemId, String changeKey,
            Instant lastModified, int weeks) {
        BookingUpdate b = seriesPart(mailbox, itemId, masterItemId, changeKey, lastModified);
        Instant start = b.start().plus(Duration.ofDays(7L * weeks));
        return new BookingUpdate(b.bookingId(), mailbox, b.source(), itemId, b.iCalUid(), changeKey, lastModified,
                b.subject(), b.organizer(), start, start.plusSeconds(3_600), b.timeZone(), false, false, b.location(),
                b.sensitivity(), b.occurrenceType(), b.seriesMasterId(), b.attendees());
    }

    public static ChangeNotification notification(String id, Source source, String mailbox, ChangeType type,
            String itemId, String oldItemId, Instant receivedAt) {
        return new ChangeNotification(SchemaVersions.CURRENT, id, source, mailbox, type == ChangeType.RESYNC ? null : "sub-1",
                type, itemId, oldItemId, null, null, null, receivedAt, receivedAt,
                type == ChangeType.RESYNC ? "test" : null);
    }
}
