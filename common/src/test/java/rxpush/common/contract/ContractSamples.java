package rxpush.common.contract;

import java.time.Instant;
import java.util.List;

/** One fully populated sample of each contract: the content of the golden files. */
final class ContractSamples {

    static final Instant T0 = Instant.parse("2026-11-25T08:59:12Z");

    private ContractSamples() {
    }

    static ChangeNotification changeNotification() {
        return new ChangeNotification(1, "ews-3b1f0c", Source.EWS, "Room.101@Contoso.com",
                "LABkYjhwcjAxbWI2NDg1", ChangeType.MOVED, "AAMkADnew", "AAMkADold", "DwAAAA==",
                "AQAAAExY/dNdjDVKjtBVHKR5IOsoIukhAAAAAAE=", "AQAAAExY/dNdjDVKjtBVHKR5IOurFukhAAAAAAE=",
                Instant.parse("2026-11-25T08:59:10Z"), T0, null);
    }

    static SubscriptionState subscriptionState() {
        return new SubscriptionState(1, "sub-7f3a", "room.101@contoso.com", Protocol.EWS, "LABkYjhwcjAxbWI2NDg1",
                SubscriptionStatus.ACTIVE, T0, null, "AQAAAExY/dNdjDVKjtBVHKR5IOsoIukhAAAAAAE=", T0, 3L,
                SecretHash.hash("token-for-golden-file"), null, SubscriptionHealth.HEALTHY, T0, T0, null, T0);
    }

    /** An EWS subscription resumed from a watermark, ACTIVE, its first push not seen yet. */
    static SubscriptionState subscriptionStateAwaitingFirstPush() {
        return new SubscriptionState(1, "sub-9c01", "room.101@contoso.com", Protocol.EWS, "LABkYjhwcjAxbWI2NDg2",
                SubscriptionStatus.ACTIVE, T0, null, "AQAAAExY/dNdjDVKjtBVHKR5IOsoIukhAAAAAAI=", T0, 4L,
                SecretHash.hash("token-for-golden-file-2"), null, SubscriptionHealth.HEALTHY, null, null, null, T0,
                List.of("AQAAAExY/dNdjDVKjtBVHKR5IOsoIukhAAAAAAI=", "AQAAAExY/dNdjDVKjtBVHKR5IOsoIukhAAAAAAE="));
    }

    static MailboxRegistration mailboxRegistration() {
        return MailboxRegistration.of("Room.101@contoso.com", Protocol.GRAPH, true, T0);
    }

    static LifecycleNotification lifecycleNotification() {
        return new LifecycleNotification(1, "graph-lc-1", "room.101@contoso.com",
                "ec73a6d8-5535-40ba-8b84-71b6b56788f4", LifecycleEvent.REAUTHORIZATION_REQUIRED,
                Instant.parse("2026-11-26T11:00:00Z"), T0);
    }

    static ForwardedVersion forwardedVersion() {
        return new ForwardedVersion(1, BookingIds.bookingId("room.101@contoso.com", "AAMkAD"), "room.101@contoso.com",
                "AAMkAD", "DwAAABYAAAA", T0, false,
                BookingIds.idempotencyKey("room.101@contoso.com", "AAMkAD", "DwAAABYAAAA"), T0, null);
    }

    /** The version of an occurrence: it names its series master's booking. */
    static ForwardedVersion forwardedOccurrenceVersion() {
        return new ForwardedVersion(1, BookingIds.bookingId("room.101@contoso.com", "AAMkOCC"), "room.101@contoso.com",
                "AAMkOCC", "DwAAABYAAAB", T0, false,
                BookingIds.idempotencyKey("room.101@contoso.com", "AAMkOCC", "DwAAABYAAAB"), T0,
                BookingIds.bookingId("room.101@contoso.com", "AAMkMASTER"));
    }

    /** The example body of the ResourceXpress push API contract, field for field. */
    static BookingUpdate bookingUpdate() {
        return new BookingUpdate("bk-example", "room.101@contoso.com", Source.EWS, "AAMkAD…",
                "040000008200E00074C5B7101A82E008…", "DwAAABYAAAA…", T0, "Weekly planning",
                new BookingUpdate.Person("Ada Lovelace", "ada@contoso.com"),
                Instant.parse("2026-11-26T09:00:00Z"), Instant.parse("2026-11-26T10:00:00Z"),
                "W. Europe Standard Time", false, false, "Room 101", BookingUpdate.Sensitivity.NORMAL,
                BookingUpdate.OccurrenceType.SINGLE, null,
                List.of(new BookingUpdate.Attendee("bob@contoso.com", "Bob", BookingUpdate.AttendeeType.REQUIRED,
                        BookingUpdate.ResponseType.ACCEPTED)));
    }

    /** A series master as the contract's amendment "Recurring series and the sync window" shows it. */
    static BookingUpdate seriesMaster() {
        BookingUpdate b = bookingUpdate();
        return new BookingUpdate("bk-master", b.mailbox(), Source.GRAPH, "AAMkMASTER", b.iCalUid(), b.changeKey(),
                b.lastModified(), b.subject(), b.organizer(), Instant.parse("2026-12-07T09:00:00Z"),
                Instant.parse("2026-12-07T10:00:00Z"), b.timeZone(), false, false, b.location(), b.sensitivity(),
                BookingUpdate.OccurrenceType.SERIES_MASTER, null, b.attendees(), new BookingUpdate.Recurrence(
                        new BookingUpdate.Recurrence.Pattern("weekly", 1, null, null, List.of("monday"), null, null),
                        new BookingUpdate.Recurrence.Range("endDate", "2026-12-07", "2027-03-29", null,
                                "W. Europe Standard Time")));
    }
}
