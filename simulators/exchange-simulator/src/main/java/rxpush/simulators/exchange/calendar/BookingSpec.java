package rxpush.simulators.exchange.calendar;

import java.time.Instant;
import java.util.List;

/**
 * What a booking should look like; a null field means "keep" on updates and "pick one" on
 * creates (the simulator fills it with plausible random content).
 *
 * @param subject     meeting subject
 * @param start       start instant
 * @param end         end instant, after start
 * @param timeZone    Windows time zone id (e.g. "W. Europe Standard Time")
 * @param allDay      all-day event (start and end are then local midnights)
 * @param location    location text
 * @param sensitivity item sensitivity
 * @param organizer   the organizer
 * @param attendees   attendees (the room itself is added as a resource attendee)
 */
public record BookingSpec(
        String subject,
        Instant start,
        Instant end,
        String timeZone,
        Boolean allDay,
        String location,
        Sensitivity sensitivity,
        Person organizer,
        List<Attendee> attendees) {

    /** Everything left to the simulator. */
    public static BookingSpec random() {
        return new BookingSpec(null, null, null, null, null, null, null, null, null);
    }

    public static BookingSpec of(String subject, Instant start, Instant end) {
        return new BookingSpec(subject, start, end, null, null, null, null, null, null);
    }

    public BookingSpec withSubject(String value) {
        return new BookingSpec(value, start, end, timeZone, allDay, location, sensitivity, organizer, attendees);
    }

    public BookingSpec withTimes(Instant newStart, Instant newEnd) {
        return new BookingSpec(subject, newStart, newEnd, timeZone, allDay, location, sensitivity, organizer, attendees);
    }

    public BookingSpec withSensitivity(Sensitivity value) {
        return new BookingSpec(subject, start, end, timeZone, allDay, location, value, organizer, attendees);
    }

    public BookingSpec withOrganizer(Person value) {
        return new BookingSpec(subject, start, end, timeZone, allDay, location, sensitivity, value, attendees);
    }

    public BookingSpec withAttendees(List<Attendee> value) {
        return new BookingSpec(subject, start, end, timeZone, allDay, location, sensitivity, organizer, value);
    }

    public BookingSpec withAllDay(boolean value) {
        return new BookingSpec(subject, start, end, timeZone, value, location, sensitivity, organizer, attendees);
    }

    public BookingSpec withTimeZone(String value) {
        return new BookingSpec(subject, start, end, value, allDay, location, sensitivity, organizer, attendees);
    }
}
