package rxpush.simulators.exchange.graph;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Graph's date formats: 7 fractional digits, local times without offset, offsets as +00:00. */
final class GraphTime {

    private static final DateTimeFormatter UTC_7 =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOCAL_7 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSSSSSS]xxx")
            .withZone(ZoneOffset.UTC);

    private GraphTime() {
    }

    /** 2026-11-25T08:59:12.3456789Z (lastModifiedDateTime, createdDateTime). */
    static String utc(Instant instant) {
        return instant == null ? null : UTC_7.format(instant);
    }

    /** 2026-11-26T09:00:00.0000000 in {@code zone} (the dateTime of a dateTimeTimeZone). */
    static String local(Instant instant, ZoneId zone) {
        return LOCAL_7.format(instant.atZone(zone));
    }

    /** 2026-11-26T09:00:00+00:00 (subscriptionExpirationDateTime, as in real notifications). */
    static String offset(Instant instant) {
        return instant.getNano() == 0
                ? DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC).format(instant)
                : OFFSET.format(instant);
    }
}
