package rxpush.simulators.exchange.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Plausible booking content from a seeded random source (thread-safe). */
final class RandomContent {

    private static final List<String> SUBJECTS = List.of("Weekly planning", "Design review", "1:1", "Sprint retro",
            "Customer call", "Budget review", "Interview", "All hands prep", "Architecture sync", "Board meeting",
            "Vendor demo", "Team lunch", "Onboarding", "Quarterly review", "Release go/no-go", "Workshop");
    private static final List<String> FIRST = List.of("Ada", "Bob", "Chen", "Dana", "Emil", "Fatima", "Grace",
            "Hugo", "Ines", "Jonas", "Kemal", "Lena", "Mateo", "Nora", "Omar", "Priya");
    private static final List<String> LAST = List.of("Lovelace", "Meyer", "Wang", "Schulz", "Rossi", "Haddad",
            "Hopper", "Berg", "Silva", "Novak", "Yilmaz", "Fischer", "Garcia", "Olsen", "Nasser", "Patel");

    private final Random random;
    private final String domain;

    RandomContent(long seed, String domain) {
        this.random = new Random(seed);
        this.domain = domain;
    }

    synchronized boolean chance(double probability) {
        return probability > 0 && random.nextDouble() < probability;
    }

    synchronized int nextInt(int bound) {
        return random.nextInt(bound);
    }

    synchronized String subject() {
        return SUBJECTS.get(random.nextInt(SUBJECTS.size()));
    }

    synchronized Person person() {
        String first = FIRST.get(random.nextInt(FIRST.size()));
        String last = LAST.get(random.nextInt(LAST.size()));
        return new Person(first + " " + last, (first + "." + last + "@" + domain).toLowerCase(java.util.Locale.ROOT));
    }

    /** A working-hours slot 1 to 30 days after {@code now}, 30 to 120 minutes long. */
    synchronized Instant[] slot(Instant now, TimeZones.Zone zone) {
        ZonedDateTime day = now.atZone(zone.zone()).plusDays(1 + random.nextInt(30)).truncatedTo(ChronoUnit.DAYS);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        ZonedDateTime start = day.with(LocalTime.of(8 + random.nextInt(9), random.nextBoolean() ? 0 : 30));
        Duration length = Duration.ofMinutes(30L * (1 + random.nextInt(4)));
        return new Instant[] {start.toInstant(), start.plus(length).toInstant()};
    }

    synchronized List<Attendee> attendees(Person organizer, int max) {
        List<Attendee> list = new ArrayList<>();
        list.add(new Attendee(organizer, Attendee.Type.REQUIRED, Attendee.Response.ORGANIZER, null));
        int count = 1 + random.nextInt(Math.max(1, max));
        for (int i = 0; i < count; i++) {
            Attendee.Response response = Attendee.Response.values()[2 + random.nextInt(4)];
            Attendee.Type type = random.nextInt(4) == 0 ? Attendee.Type.OPTIONAL : Attendee.Type.REQUIRED;
            list.add(new Attendee(person(), type, response, null));
        }
        return list;
    }

    synchronized Sensitivity sensitivity() {
        int roll = random.nextInt(20);
        return roll == 0 ? Sensitivity.PRIVATE : roll == 1 ? Sensitivity.CONFIDENTIAL : roll == 2
                ? Sensitivity.PERSONAL : Sensitivity.NORMAL;
    }
}
