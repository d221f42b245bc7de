package rxpush.simulators.exchange.calendar;

import java.time.ZoneId;
import java.util.Map;

/** The Windows time zone ids the simulator hands out, with their IANA zones and display names. */
public final class TimeZones {

    /** A Windows zone id with its IANA equivalent and Exchange display name. */
    public record Zone(String windowsId, ZoneId zone, String displayName) {
    }

    public static final Zone WEST_EUROPE = new Zone("W. Europe Standard Time", ZoneId.of("Europe/Berlin"),
            "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna");

    private static final Map<String, Zone> ZONES = Map.of(
            WEST_EUROPE.windowsId(), WEST_EUROPE,
            "GMT Standard Time", new Zone("GMT Standard Time", ZoneId.of("Europe/London"),
                    "(UTC+00:00) Dublin, Edinburgh, Lisbon, London"),
            "Eastern Standard Time", new Zone("Eastern Standard Time", ZoneId.of("America/New_York"),
                    "(UTC-05:00) Eastern Time (US & Canada)"),
            "UTC", new Zone("UTC", ZoneId.of("UTC"), "(UTC) Coordinated Universal Time"));

    private TimeZones() {
    }

    /** The zone for a Windows id; unknown ids fall back to UTC. */
    public static Zone byWindowsId(String windowsId) {
        return ZONES.getOrDefault(windowsId, ZONES.get("UTC"));
    }

    public static java.util.List<String> windowsIds() {
        return ZONES.keySet().stream().sorted().toList();
    }
}
