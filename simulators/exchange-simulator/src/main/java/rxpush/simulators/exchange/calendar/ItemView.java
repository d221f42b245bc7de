package rxpush.simulators.exchange.calendar;

import java.time.Instant;
import java.util.List;

/**
 * An immutable snapshot of one calendar entry as EWS and Graph show it: a single booking, a series
 * master, an occurrence or an exception, or the mailbox's free/busy item (FreeBusy noise).
 *
 * @param mailbox             SMTP address of the mailbox holding it
 * @param ewsId               EWS ItemId (changes when the item moves to another folder)
 * @param immutableId         id that never changes (Graph with {@code Prefer: IdType="ImmutableId"})
 * @param changeKey           EWS ChangeKey, also Graph's changeKey and etag
 * @param parentFolderId      EWS id of the folder holding it
 * @param folder              that folder
 * @param itemClass           IPM.Appointment, or IPM.SchedulePlus.FreeBusy.BinaryData for noise items
 * @param type                single, occurrence, exception or series master; null for a free/busy item
 * @param seriesMasterEwsId   the master's EWS id for occurrences and exceptions
 * @param seriesMasterImmutableId the master's immutable id for occurrences and exceptions
 * @param occurrenceIndex     1-based index in the series; 0 when not an occurrence
 * @param originalStart       an occurrence's start as the pattern defines it
 * @param iCalUid             the meeting's UID, shared by all copies (and by a moved booking)
 * @param sequence            the simulator change sequence number that last touched it
 * @param appointmentSequence the iCalendar SEQUENCE (bumped on organizer updates)
 * @param myResponse          the room's own response to the meeting
 * @param recurrence          the pattern of a series master
 * @param series              first/last/modified/deleted occurrences of a series master, else null
 */
public record ItemView(
        String mailbox,
        String ewsId,
        String immutableId,
        String changeKey,
        String parentFolderId,
        Folder folder,
        String itemClass,
        OccurrenceType type,
        String seriesMasterEwsId,
        String seriesMasterImmutableId,
        int occurrenceIndex,
        Instant originalStart,
        String iCalUid,
        String subject,
        String body,
        Person organizer,
        Instant start,
        Instant end,
        String timeZone,
        boolean allDay,
        String location,
        Sensitivity sensitivity,
        List<Attendee> attendees,
        boolean cancelled,
        Instant created,
        Instant lastModified,
        long sequence,
        int appointmentSequence,
        Attendee.Response myResponse,
        Recurrence recurrence,
        Series series) {

    /** An occurrence as a series master lists it. */
    public record OccurrenceRef(String ewsId, String immutableId, Instant start, Instant end, Instant originalStart) {
    }

    /** What EWS shows about a master's occurrences. */
    public record Series(OccurrenceRef first, OccurrenceRef last, List<OccurrenceRef> modified, List<Instant> deleted) {
    }

    public static final String APPOINTMENT_CLASS = "IPM.Appointment";
    public static final String FREEBUSY_CLASS = "IPM.SchedulePlus.FreeBusy.BinaryData";

    public ItemView {
        attendees = attendees == null ? List.of() : List.copyOf(attendees);
    }

    public String restId() {
        return ItemIds.restId(ewsId);
    }

    public boolean isFreeBusy() {
        return FREEBUSY_CLASS.equals(itemClass);
    }

    /**
     * A master's recurrence as Graph states it (see {@link GraphRecurrence}), null otherwise; the
     * truth carries it so that oracles compare what a client was given with Exchange's terms.
     */
    @com.fasterxml.jackson.annotation.JsonProperty("graphRecurrence")
    public java.util.Map<String, Object> graphRecurrence() {
        return GraphRecurrence.of(this);
    }

    public boolean isRecurring() {
        return type != null && type != OccurrenceType.SINGLE;
    }
}
