package rxpush.simulators.exchange.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Prefer header preferences Graph's Outlook API honours here: {@code IdType="ImmutableId"},
 * {@code outlook.timezone="..."} and {@code odata.maxpagesize=N} (several headers or a comma list).
 */
record Prefer(boolean immutableIds, String timeZone, Integer maxPageSize) {

    static Prefer parse(List<String> headers) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String header : headers == null ? List.<String>of() : headers) {
            for (String part : header.split(",")) {
                int equals = part.indexOf('=');
                if (equals > 0) {
                    String value = part.substring(equals + 1).trim();
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    values.put(part.substring(0, equals).trim().toLowerCase(Locale.ROOT), value);
                }
            }
        }
        Integer pageSize = null;
        if (values.containsKey("odata.maxpagesize")) {
            try {
                pageSize = Integer.parseInt(values.get("odata.maxpagesize"));
            } catch (NumberFormatException e) {
                pageSize = null;
            }
        }
        return new Prefer("ImmutableId".equalsIgnoreCase(values.get("idtype")), values.get("outlook.timezone"),
                pageSize);
    }

    /** The Preference-Applied header value for what was honoured, or null. */
    String applied(boolean pageSizeApplied) {
        List<String> applied = new ArrayList<>();
        if (immutableIds) {
            applied.add("IdType=\"ImmutableId\"");
        }
        if (timeZone != null) {
            applied.add("outlook.timezone=\"" + timeZone + "\"");
        }
        if (pageSizeApplied && maxPageSize != null) {
            applied.add("odata.maxpagesize=" + maxPageSize);
        }
        return applied.isEmpty() ? null : String.join(", ", applied);
    }
}
