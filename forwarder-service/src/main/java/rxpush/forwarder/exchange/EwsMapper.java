package rxpush.forwarder.exchange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import microsoft.exchange.webservices.data.core.enumeration.property.MeetingResponseType;
import microsoft.exchange.webservices.data.core.exception.service.local.ServiceLocalException;
import microsoft.exchange.webservices.data.core.service.item.Appointment;
import microsoft.exchange.webservices.data.core.service.item.Item;
import microsoft.exchange.webservices.data.property.complex.AttendeeCollection;
import microsoft.exchange.webservices.data.property.complex.EmailAddress;
import microsoft.exchange.webservices.data.property.complex.time.TimeZoneDefinition;
import rxpush.common.contract.BookingIds;
import rxpush.common.contract.BookingUpdate;
import rxpush.common.contract.BookingUpdate.AttendeeType;
import rxpush.common.contract.BookingUpdate.OccurrenceType;
import rxpush.common.contract.BookingUpdate.ResponseType;
import rxpush.common.contract.BookingUpdate.Sensitivity;
import rxpush.common.contract.Source;
import rxpush.common.kafka.FailureStage;
import rxpush.forwarder.failure.PermanentFailure;

/**
 * Maps an EWS calendar item (ews-java-api {@link Appointment}) to the RX booking. Exchange sends
 * instants in UTC; the organizer's time zone is kept by its Windows name (StartTimeZone Id).
 */
final class EwsMapper {

    /** Free/busy publishing data that Exchange keeps next to the calendar: never a booking. */
    static final String FREE_BUSY_CLASS = "IPM.SchedulePlus.FreeBusy.BinaryData";

    private EwsMapper() {
    }

    /**
     * @param seriesMasterItemId the master's item id for occurrences and exceptions, else null
     */
    static Fetched map(String mailbox, Item item, String seriesMasterItemId) {
        try {
            String itemClass = item.getItemClass();
            if (!(item instanceof Appointment appointment) || itemClass == null
                    || !itemClass.startsWith("IPM.Appointment")) {
                return new Fetched.Noise(itemClass == null ? item.getClass().getSimpleName() : itemClass);
            }
            String itemId = appointment.getId().getUniqueId();
            String changeKey = appointment.getId().getChangeKey();
            Instant lastModified = instant("LastModifiedTime", appointment::getLastModifiedTime);
            OccurrenceType type = occurrenceType(appointment);
            // Exchange leaves out properties without a value (no location, no attendees): only the
            // times are required, everything else may be absent.
            BookingUpdate booking = new BookingUpdate(BookingIds.bookingId(mailbox, itemId), mailbox, Source.EWS, itemId,
                    optional(appointment::getICalUid), changeKey, lastModified, optional(appointment::getSubject),
                    person(optional(appointment::getOrganizer)), instant("Start", appointment::getStart),
                    instant("End", appointment::getEnd), timeZone(appointment),
                    Boolean.TRUE.equals(optional(appointment::getIsAllDayEvent)),
                    Boolean.TRUE.equals(optional(appointment::getIsCancelled)), optional(appointment::getLocation),
                    sensitivity(appointment), type,
                    seriesMasterItemId == null ? null : BookingIds.bookingId(mailbox, seriesMasterItemId),
                    attendees(appointment),
                    type == OccurrenceType.SERIES_MASTER ? recurrence(appointment) : null);
            return new Fetched.Found(booking, changeKey != null ? changeKey : lastModified.toString());
        } catch (ServiceLocalException | IllegalArgumentException e) {
            return new Fetched.Unreadable(new PermanentFailure(FailureStage.MAP,
                    "the EWS item cannot be mapped to a booking: " + e.getMessage(), e));
        }
    }

    /** A master's Recurrence; a master without one cannot be written (the contract requires it). */
    private static BookingUpdate.Recurrence recurrence(Appointment appointment) {
        var recurrence = optional(appointment::getRecurrence);
        if (recurrence == null) {
            throw new IllegalArgumentException("the series master has no Recurrence");
        }
        return EwsRecurrence.of(recurrence, timeZone(appointment));
    }

    static OccurrenceType occurrenceType(Appointment appointment) {
        var type = optional(appointment::getAppointmentType);
        if (type == null) {
            return OccurrenceType.SINGLE;
        }
        return switch (type) {
            case Single -> OccurrenceType.SINGLE;
            case Occurrence -> OccurrenceType.OCCURRENCE;
            case Exception -> OccurrenceType.EXCEPTION;
            case RecurringMaster -> OccurrenceType.SERIES_MASTER;
        };
    }

    private static String timeZone(Appointment appointment) {
        TimeZoneDefinition zone = optional(appointment::getStartTimeZone);
        if (zone != null && zone.getId() != null && !zone.getId().isBlank()) {
            return zone.getId();
        }
        // Exchange 2007 has no StartTimeZone: the legacy TimeZone text is all there is.
        return optional(appointment::getTimeZone);
    }

    private static Sensitivity sensitivity(Appointment appointment) {
        var sensitivity = optional(appointment::getSensitivity);
        return sensitivity == null ? Sensitivity.NORMAL : Sensitivity.valueOf(sensitivity.name().toUpperCase(Locale.ROOT));
    }

    private static List<BookingUpdate.Attendee> attendees(Appointment appointment) {
        List<BookingUpdate.Attendee> attendees = new ArrayList<>();
        add(attendees, optional(appointment::getRequiredAttendees), AttendeeType.REQUIRED);
        add(attendees, optional(appointment::getOptionalAttendees), AttendeeType.OPTIONAL);
        add(attendees, optional(appointment::getResources), AttendeeType.RESOURCE);
        return attendees;
    }

    /** The property's value, or null when the server did not return it. */
    private static <T> T optional(Getter<T> getter) {
        try {
            return getter.get();
        } catch (ServiceLocalException | RuntimeException notReturned) {
            return null;
        }
    }

    private static void add(List<BookingUpdate.Attendee> into, AttendeeCollection from, AttendeeType type) {
        if (from == null) {
            return;
        }
        for (microsoft.exchange.webservices.data.property.complex.Attendee attendee : from) {
            into.add(new BookingUpdate.Attendee(attendee.getAddress(), attendee.getName(), type,
                    response(attendee.getResponseType())));
        }
    }

    static ResponseType response(MeetingResponseType type) {
        if (type == null) {
            return ResponseType.NONE;
        }
        return switch (type) {
            case Accept -> ResponseType.ACCEPTED;
            case Tentative -> ResponseType.TENTATIVE;
            case Decline -> ResponseType.DECLINED;
            case Organizer -> ResponseType.ORGANIZER;
            case Unknown, NoResponseReceived -> ResponseType.NONE;
        };
    }

    private static BookingUpdate.Person person(EmailAddress address) {
        return address == null ? null : new BookingUpdate.Person(address.getName(), address.getAddress());
    }

    /** A getter of ews-java-api, which throws when the server did not return the property. */
    private interface Getter<T> {
        T get() throws ServiceLocalException;
    }

    private static Instant instant(String field, Getter<Date> getter) {
        Date date;
        try {
            date = getter.get();
        } catch (ServiceLocalException notReturned) {
            date = null;
        }
        if (date == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return date.toInstant();
    }
}
