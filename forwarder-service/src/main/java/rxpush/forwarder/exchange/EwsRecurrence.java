package rxpush.forwarder.exchange;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import microsoft.exchange.webservices.data.core.enumeration.property.time.DayOfTheWeek;
import microsoft.exchange.webservices.data.core.exception.service.local.ServiceValidationException;
import microsoft.exchange.webservices.data.property.complex.recurrence.pattern.Recurrence;
import rxpush.common.contract.BookingUpdate;

/**
 * An EWS series master's Recurrence in the contract's (Microsoft Graph's) terms. EWS names the same
 * patterns differently (DailyRecurrence, WeeklyRecurrence, AbsoluteMonthlyRecurrence, ... and
 * EndDateRecurrence, NoEndRecurrence, NumberedRecurrence: EWS Recurrence reference), so only the names
 * change; the values are Exchange's.
 */
final class EwsRecurrence {

    private EwsRecurrence() {
    }

    /** @param timeZone the master's StartTimeZone id, in which the range's dates are meant */
    static BookingUpdate.Recurrence of(Recurrence recurrence, String timeZone) {
        try {
            BookingUpdate.Recurrence.Pattern pattern = switch (recurrence) {
                case Recurrence.DailyPattern daily -> pattern("daily", daily.getInterval(), null, null, List.of(), null);
                case Recurrence.WeeklyPattern weekly -> pattern("weekly", weekly.getInterval(), null, null,
                        days(weekly.getDaysOfTheWeek()), null);
                case Recurrence.MonthlyPattern monthly -> pattern("absoluteMonthly", monthly.getInterval(), null,
                        monthly.getDayOfMonth(), List.of(), null);
                case Recurrence.RelativeMonthlyPattern relative -> pattern("relativeMonthly", relative.getInterval(), null,
                        null, List.of(day(relative.getDayOfTheWeek())), index(relative.getDayOfTheWeekIndex()));
                case Recurrence.YearlyPattern yearly -> pattern("absoluteYearly", 1, yearly.getMonth().ordinal() + 1,
                        yearly.getDayOfMonth(), List.of(), null);
                case Recurrence.RelativeYearlyPattern relative -> pattern("relativeYearly", 1,
                        relative.getMonth().ordinal() + 1, null, List.of(day(relative.getDayOfTheWeek())),
                        index(relative.getDayOfTheWeekIndex()));
                default -> throw new IllegalArgumentException("unsupported recurrence " + recurrence.getXmlElementName());
            };
            String type = recurrence.getNumberOfOccurrences() != null ? "numbered"
                    : recurrence.hasEnd() ? "endDate" : "noEnd";
            return new BookingUpdate.Recurrence(pattern, new BookingUpdate.Recurrence.Range(type,
                    date(recurrence.getStartDate()), "endDate".equals(type) ? date(recurrence.getEndDate()) : null,
                    recurrence.getNumberOfOccurrences(), timeZone));
        } catch (ServiceValidationException e) {
            throw new IllegalArgumentException("the recurrence cannot be read: " + e.getMessage(), e);
        }
    }

    private static BookingUpdate.Recurrence.Pattern pattern(String type, int interval, Integer month, Integer dayOfMonth,
            List<String> days, String index) {
        return new BookingUpdate.Recurrence.Pattern(type, interval, month, dayOfMonth, days, null, index);
    }

    private static List<String> days(Iterable<DayOfTheWeek> days) {
        List<String> names = new ArrayList<>();
        days.forEach(d -> names.add(day(d)));
        return names;
    }

    private static String day(DayOfTheWeek day) {
        return day.name().toLowerCase(Locale.ROOT);
    }

    private static String index(Enum<?> index) {
        return index.name().toLowerCase(Locale.ROOT);
    }

    /**
     * ews-java-api turns an xs:date ("2026-12-07" or "2026-12-07+01:00") into the instant of that day's
     * midnight at the offset given; twelve hours later it is still that day in UTC for every offset
     * within +-12 hours, so the calendar date survives whatever offset Exchange wrote.
     */
    static String date(Date date) {
        if (date == null) {
            return null;
        }
        return LocalDate.ofInstant(date.toInstant().plus(Duration.ofHours(12)), ZoneOffset.UTC).toString();
    }
}
