package rxpush.simulators.exchange.ews;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import rxpush.simulators.exchange.calendar.Attendee;
import rxpush.simulators.exchange.calendar.ItemView;
import rxpush.simulators.exchange.calendar.OccurrenceType;
import rxpush.simulators.exchange.calendar.Person;
import rxpush.simulators.exchange.calendar.Recurrence;
import rxpush.simulators.exchange.calendar.TimeZones;

/**
 * Writes items as EWS does: {@code t:CalendarItem} in schema order (ItemType elements first, then the
 * calendar ones), or a plain {@code t:Item} for the free/busy noise item. FindItem never returns
 * body, attendees or recurrence (EWS cannot), GetItem returns what the shape asks for.
 */
final class ItemXml {

    private ItemXml() {
    }

    static void write(XmlOut xml, ItemView item, ItemShape shape, EwsCaller caller, boolean findItem) {
        String element = item.isFreeBusy() ? "t:Item" : "t:CalendarItem";
        xml.start(element);
        xml.id("t:ItemId", item.ewsId(), item.changeKey());
        if (shape.has("item:ParentFolderId")) {
            xml.id("t:ParentFolderId", item.parentFolderId(), "AgAAAA==");
        }
        if (shape.has("item:ItemClass")) {
            xml.element("t:ItemClass", item.itemClass());
        }
        if (item.isFreeBusy()) {
            if (shape.has("item:Subject")) {
                xml.element("t:Subject", "LocalFreebusy");
            }
            writeItemTail(xml, item, shape);
            xml.end(element);
            return;
        }
        if (shape.has("item:Subject")) {
            xml.element("t:Subject", item.subject());
        }
        if (shape.has("item:Sensitivity")) {
            xml.element("t:Sensitivity", item.sensitivity().ews());
        }
        if (!findItem && shape.has("item:Body")) {
            xml.start("t:Body").attr("BodyType", "Text").attr("IsTruncated", "false").text(item.body()).end("t:Body");
        }
        if (shape.has("item:DateTimeReceived")) {
            xml.element("t:DateTimeReceived", item.created());
        }
        if (shape.has("item:Size")) {
            xml.element("t:Size", 2048 + 64L * item.attendees().size());
        }
        if (shape.has("item:Importance")) {
            xml.element("t:Importance", "Normal");
        }
        if (shape.has("item:DateTimeSent")) {
            xml.element("t:DateTimeSent", item.created());
        }
        if (shape.has("item:DateTimeCreated")) {
            xml.element("t:DateTimeCreated", item.created());
        }
        if (shape.has("item:DisplayTo")) {
            xml.element("t:DisplayTo", String.join("; ", item.attendees().stream()
                    .filter(a -> a.response() != Attendee.Response.ORGANIZER).map(a -> a.person().name()).toList()));
        }
        writeItemTail(xml, item, shape);
        writeCalendar(xml, item, shape, caller, findItem);
        xml.end(element);
    }

    private static void writeItemTail(XmlOut xml, ItemView item, ItemShape shape) {
        if (shape.has("item:HasAttachments")) {
            xml.element("t:HasAttachments", false);
        }
        if (shape.has("item:Culture")) {
            xml.element("t:Culture", "en-US");
        }
        if (shape.has("item:LastModifiedName")) {
            xml.element("t:LastModifiedName", item.organizer() != null ? item.organizer().name() : "Microsoft Exchange");
        }
        if (shape.has("item:LastModifiedTime")) {
            xml.element("t:LastModifiedTime", item.lastModified());
        }
        if (shape.has("item:IsAssociated")) {
            xml.element("t:IsAssociated", false);
        }
    }

    private static void writeCalendar(XmlOut xml, ItemView item, ItemShape shape, EwsCaller caller, boolean findItem) {
        boolean occurrence = item.type() == OccurrenceType.OCCURRENCE || item.type() == OccurrenceType.EXCEPTION;
        if (shape.has("calendar:UID")) {
            xml.element("t:UID", item.iCalUid());
        }
        if (occurrence && !caller.is2007() && shape.has("calendar:RecurrenceId")) {
            xml.element("t:RecurrenceId", item.originalStart());
        }
        if (shape.has("calendar:DateTimeStamp")) {
            xml.element("t:DateTimeStamp", item.lastModified());
        }
        if (shape.has("calendar:Start")) {
            xml.element("t:Start", item.start());
        }
        if (shape.has("calendar:End")) {
            xml.element("t:End", item.end());
        }
        if (occurrence && shape.has("calendar:OriginalStart")) {
            xml.element("t:OriginalStart", item.originalStart());
        }
        if (shape.has("calendar:IsAllDayEvent")) {
            xml.element("t:IsAllDayEvent", item.allDay());
        }
        if (shape.has("calendar:LegacyFreeBusyStatus")) {
            xml.element("t:LegacyFreeBusyStatus", item.cancelled() ? "Free" : "Busy");
        }
        if (shape.has("calendar:Location")) {
            xml.element("t:Location", item.location());
        }
        if (shape.has("calendar:IsMeeting")) {
            xml.element("t:IsMeeting", true);
        }
        if (shape.has("calendar:IsCancelled")) {
            xml.element("t:IsCancelled", item.cancelled());
        }
        if (shape.has("calendar:IsRecurring")) {
            xml.element("t:IsRecurring", occurrence);
        }
        if (shape.has("calendar:MeetingRequestWasSent")) {
            xml.element("t:MeetingRequestWasSent", false);
        }
        if (shape.has("calendar:IsResponseRequested")) {
            xml.element("t:IsResponseRequested", true);
        }
        if (shape.has("calendar:CalendarItemType")) {
            xml.element("t:CalendarItemType", item.type().ews());
        }
        if (shape.has("calendar:MyResponseType")) {
            xml.element("t:MyResponseType", item.myResponse().ews());
        }
        if (shape.has("calendar:Organizer") && item.organizer() != null) {
            xml.start("t:Organizer");
            mailbox(xml, item.organizer());
            xml.end("t:Organizer");
        }
        if (!findItem) {
            attendees(xml, shape, "calendar:RequiredAttendees", "t:RequiredAttendees", item, Attendee.Type.REQUIRED);
            attendees(xml, shape, "calendar:OptionalAttendees", "t:OptionalAttendees", item, Attendee.Type.OPTIONAL);
            attendees(xml, shape, "calendar:Resources", "t:Resources", item, Attendee.Type.RESOURCE);
        }
        if (shape.has("calendar:ConflictingMeetingCount")) {
            xml.element("t:ConflictingMeetingCount", 0);
        }
        if (shape.has("calendar:AdjacentMeetingCount")) {
            xml.element("t:AdjacentMeetingCount", 0);
        }
        if (shape.has("calendar:Duration")) {
            xml.element("t:Duration", Duration.between(item.start(), item.end()).toString());
        }
        TimeZones.Zone zone = TimeZones.byWindowsId(item.timeZone());
        if (shape.has("calendar:TimeZone")) {
            xml.element("t:TimeZone", zone.displayName());
        }
        if (shape.has("calendar:AppointmentSequenceNumber")) {
            xml.element("t:AppointmentSequenceNumber", item.appointmentSequence());
        }
        if (shape.has("calendar:AppointmentState")) {
            // Bit flags: 1 meeting, 2 received (this is the room's copy), 4 cancelled.
            xml.element("t:AppointmentState", 3 + (item.cancelled() ? 4 : 0));
        }
        if (!findItem && item.type() == OccurrenceType.SERIES_MASTER) {
            RecurrenceXml.write(xml, item, shape, zone);
        }
        if (!caller.is2007()) {
            if (shape.has("calendar:StartTimeZone")) {
                xml.start("t:StartTimeZone").attr("Id", zone.windowsId()).attr("Name", zone.displayName())
                        .end("t:StartTimeZone");
            }
            if (shape.has("calendar:EndTimeZone")) {
                xml.start("t:EndTimeZone").attr("Id", zone.windowsId()).attr("Name", zone.displayName())
                        .end("t:EndTimeZone");
            }
        }
        if (shape.has("calendar:ConferenceType")) {
            xml.element("t:ConferenceType", 0);
        }
        if (shape.has("calendar:AllowNewTimeProposal")) {
            xml.element("t:AllowNewTimeProposal", true);
        }
        if (shape.has("calendar:IsOnlineMeeting")) {
            xml.element("t:IsOnlineMeeting", false);
        }
    }

    private static void attendees(XmlOut xml, ItemShape shape, String field, String element, ItemView item,
                                  Attendee.Type type) {
        if (!shape.has(field)) {
            return;
        }
        List<Attendee> matching = item.attendees().stream()
                .filter(a -> a.type() == type && a.response() != Attendee.Response.ORGANIZER).toList();
        if (matching.isEmpty()) {
            return;
        }
        xml.start(element);
        for (Attendee attendee : matching) {
            xml.start("t:Attendee");
            mailbox(xml, attendee.person());
            xml.element("t:ResponseType", attendee.response().ews());
            xml.element("t:LastResponseTime", attendee.responseTime());
            xml.end("t:Attendee");
        }
        xml.end(element);
    }

    static void mailbox(XmlOut xml, Person person) {
        xml.start("t:Mailbox");
        xml.element("t:Name", person.name());
        xml.element("t:EmailAddress", person.email());
        xml.element("t:RoutingType", "SMTP");
        xml.element("t:MailboxType", "Mailbox");
        xml.end("t:Mailbox");
    }

    /** Recurrence elements of a series master. */
    static final class RecurrenceXml {

        private RecurrenceXml() {
        }

        static void write(XmlOut xml, ItemView master, ItemShape shape, TimeZones.Zone zone) {
            Recurrence recurrence = master.recurrence();
            if (shape.has("calendar:Recurrence")) {
                ZonedDateTime first = master.start().atZone(zone.zone());
                xml.start("t:Recurrence");
                switch (recurrence.pattern()) {
                    case DAILY -> xml.start("t:DailyRecurrence").element("t:Interval", recurrence.interval())
                            .end("t:DailyRecurrence");
                    case WEEKLY -> xml.start("t:WeeklyRecurrence").element("t:Interval", recurrence.interval())
                            .element("t:DaysOfWeek", String.join(" ", recurrence.days(first.getDayOfWeek()).stream()
                                    .map(d -> d.getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH)).toList()))
                            .element("t:FirstDayOfWeek", "Monday")
                            .end("t:WeeklyRecurrence");
                    case ABSOLUTE_MONTHLY -> xml.start("t:AbsoluteMonthlyRecurrence")
                            .element("t:Interval", recurrence.interval())
                            .element("t:DayOfMonth", recurrence.dayOfMonth() == 0 ? first.getDayOfMonth()
                                    : recurrence.dayOfMonth())
                            .end("t:AbsoluteMonthlyRecurrence");
                }
                String startDate = first.format(DateTimeFormatter.ofPattern("yyyy-MM-ddXXX"));
                switch (recurrence.range()) {
                    case NUMBERED -> xml.start("t:NumberedRecurrence").element("t:StartDate", startDate)
                            .element("t:NumberOfOccurrences", recurrence.count()).end("t:NumberedRecurrence");
                    case END_DATE -> xml.start("t:EndDateRecurrence").element("t:StartDate", startDate)
                            .element("t:EndDate", recurrence.endDate().atStartOfDay(zone.zone())
                                    .format(DateTimeFormatter.ofPattern("yyyy-MM-ddXXX")))
                            .end("t:EndDateRecurrence");
                    case NO_END -> xml.start("t:NoEndRecurrence").element("t:StartDate", startDate)
                            .end("t:NoEndRecurrence");
                }
                xml.end("t:Recurrence");
            }
            ItemView.Series series = master.series();
            if (series == null) {
                return;
            }
            if (shape.has("calendar:FirstOccurrence") && series.first() != null) {
                occurrence(xml, "t:FirstOccurrence", series.first());
            }
            if (shape.has("calendar:LastOccurrence") && series.last() != null) {
                occurrence(xml, "t:LastOccurrence", series.last());
            }
            if (shape.has("calendar:ModifiedOccurrences") && !series.modified().isEmpty()) {
                xml.start("t:ModifiedOccurrences");
                series.modified().forEach(ref -> occurrence(xml, "t:Occurrence", ref));
                xml.end("t:ModifiedOccurrences");
            }
            if (shape.has("calendar:DeletedOccurrences") && !series.deleted().isEmpty()) {
                xml.start("t:DeletedOccurrences");
                series.deleted().forEach(start -> xml.start("t:DeletedOccurrence").element("t:Start", start)
                        .end("t:DeletedOccurrence"));
                xml.end("t:DeletedOccurrences");
            }
        }

        private static void occurrence(XmlOut xml, String element, ItemView.OccurrenceRef ref) {
            xml.start(element).id("t:ItemId", ref.ewsId(), null).element("t:Start", ref.start())
                    .element("t:End", ref.end()).element("t:OriginalStart", ref.originalStart()).end(element);
        }
    }
}
