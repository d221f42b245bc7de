package rxpush.simulators.exchange.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Fills new bookings and applies edits (explicit or random) to stored items. */
final class BookingEdits {

    private final RandomContent random;

    BookingEdits(RandomContent random) {
        this.random = random;
    }

    /** Fills a new item from the spec, choosing plausible values for what the spec leaves open. */
    void fill(StoredItem item, BookingSpec spec, Mailbox room, Instant now) {
        TimeZones.Zone zone = TimeZones.byWindowsId(spec.timeZone() != null ? spec.timeZone()
                : TimeZones.WEST_EUROPE.windowsId());
        item.timeZone = zone.windowsId();
        item.subject = spec.subject() != null ? spec.subject() : random.subject();
        item.organizer = spec.organizer() != null ? spec.organizer() : random.person();
        item.location = spec.location() != null ? spec.location() : room.displayName();
        item.sensitivity = spec.sensitivity() != null ? spec.sensitivity() : random.sensitivity();
        item.allDay = spec.allDay() != null ? spec.allDay() : random.chance(0.05);
        Instant[] slot = random.slot(now, zone);
        item.start = spec.start() != null ? spec.start() : slot[0];
        item.end = spec.end() != null ? spec.end() : spec.start() != null ? spec.start().plus(Duration.ofHours(1)) : slot[1];
        if (item.allDay) {
            ZonedDateTime day = item.start.atZone(zone.zone()).truncatedTo(ChronoUnit.DAYS);
            item.start = day.toInstant();
            item.end = day.plusDays(1).toInstant();
        }
        requireOrdered(item.start, item.end);
        List<Attendee> attendees = new ArrayList<>(spec.attendees() != null ? spec.attendees()
                : random.attendees(item.organizer, 4));
        attendees.add(new Attendee(new Person(room.displayName(), room.address()), Attendee.Type.RESOURCE,
                Attendee.Response.ACCEPTED, now));
        item.attendees = attendees;
        item.body = "Booked through the exchange simulator.";
    }

    /** Applies explicit edits, or one random organizer/attendee change when {@code changes} is all null. */
    void apply(StoredItem item, BookingSpec changes, Mailbox room) {
        if (isEmpty(changes)) {
            randomChange(item, room);
            return;
        }
        boolean organizerUpdate = changes.subject() != null || changes.start() != null || changes.end() != null
                || changes.location() != null || changes.allDay() != null;
        if (changes.subject() != null) {
            item.subject = changes.subject();
        }
        if (changes.start() != null || changes.end() != null) {
            Instant start = changes.start() != null ? changes.start() : item.start;
            Instant end = changes.end() != null ? changes.end() : start.plus(Duration.between(item.start, item.end));
            requireOrdered(start, end);
            item.start = start;
            item.end = end;
        }
        if (changes.timeZone() != null) {
            item.timeZone = TimeZones.byWindowsId(changes.timeZone()).windowsId();
        }
        if (changes.allDay() != null) {
            item.allDay = changes.allDay();
        }
        if (changes.location() != null) {
            item.location = changes.location();
        }
        if (changes.sensitivity() != null) {
            item.sensitivity = changes.sensitivity();
        }
        if (changes.organizer() != null) {
            item.organizer = changes.organizer();
        }
        if (changes.attendees() != null) {
            List<Attendee> attendees = new ArrayList<>(changes.attendees());
            item.attendees.stream().filter(a -> a.type() == Attendee.Type.RESOURCE).forEach(attendees::add);
            item.attendees = attendees;
        }
        if (organizerUpdate) {
            item.appointmentSequence++;
        }
    }

    static StoredItem.Override overrideOf(ItemView occurrence) {
        StoredItem.Override override = new StoredItem.Override();
        override.start = occurrence.start();
        override.end = occurrence.end();
        override.subject = occurrence.subject();
        override.location = occurrence.location();
        return override;
    }

    static void applyToOccurrence(StoredItem.Override override, BookingSpec changes) {
        if (isEmpty(changes)) {
            override.start = override.start.plus(Duration.ofHours(1));
            override.end = override.end.plus(Duration.ofHours(1));
            return;
        }
        if (changes.subject() != null) {
            override.subject = changes.subject();
        }
        if (changes.location() != null) {
            override.location = changes.location();
        }
        if (changes.start() != null || changes.end() != null) {
            Instant start = changes.start() != null ? changes.start() : override.start;
            Instant end = changes.end() != null ? changes.end()
                    : start.plus(Duration.between(override.start, override.end));
            requireOrdered(start, end);
            override.start = start;
            override.end = end;
        }
    }

    private void randomChange(StoredItem item, Mailbox room) {
        switch (random.nextInt(5)) {
            case 0 -> {
                Duration shift = Duration.ofMinutes(30L * (1 + random.nextInt(6)) * (random.chance(0.5) ? 1 : -1));
                item.start = item.start.plus(shift);
                item.end = item.end.plus(shift);
                item.appointmentSequence++;
            }
            case 1 -> {
                item.subject = random.subject();
                item.appointmentSequence++;
            }
            case 2 -> {
                List<Attendee> attendees = new ArrayList<>();
                for (Attendee attendee : item.attendees) {
                    boolean answers = attendee.response() != Attendee.Response.ORGANIZER
                            && attendee.type() != Attendee.Type.RESOURCE && random.chance(0.5);
                    attendees.add(answers ? new Attendee(attendee.person(), attendee.type(),
                            Attendee.Response.values()[2 + random.nextInt(3)], item.lastModified) : attendee);
                }
                item.attendees = attendees;
            }
            case 3 -> {
                List<Attendee> attendees = new ArrayList<>(item.attendees);
                attendees.add(new Attendee(random.person(), Attendee.Type.OPTIONAL, Attendee.Response.NOT_RESPONDED,
                        null));
                item.attendees = attendees;
                item.appointmentSequence++;
            }
            default -> item.sensitivity = item.sensitivity == Sensitivity.NORMAL ? Sensitivity.PRIVATE : Sensitivity.NORMAL;
        }
        if (item.location == null) {
            item.location = room.displayName();
        }
    }

    private static boolean isEmpty(BookingSpec changes) {
        return changes == null || (changes.subject() == null && changes.start() == null && changes.end() == null
                && changes.timeZone() == null && changes.allDay() == null && changes.location() == null
                && changes.sensitivity() == null && changes.organizer() == null && changes.attendees() == null);
    }

    private static void requireOrdered(Instant start, Instant end) {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a booking must end after it starts");
        }
    }
}
