package rxpush.standalone.cli;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code rxpush status} for a terminal: the counts per state, then one row per mailbox with the status
 * page's columns, then which instances did not answer (the list is then incomplete).
 */
final class StatusTable {

    static final String[] STATES = {"ACTIVE", "PENDING", "RECOVERING", "LAPSED", "PARKED", "DISABLED"};
    private static final String[] HEADER = {"MAILBOX", "PROTOCOL", "STATE", "EXPIRES", "LAST NOTIFICATION",
        "LAST HEARTBEAT", "LAST RESYNC", "LAG", "LAST ERROR", "FIX"};
    private static final String[] FIELDS = {"address", "protocol", "state", "expiresAt", "lastNotificationAt",
        "lastHeartbeatAt", "lastResyncAt", "lag", "lastError", "fix"};

    private StatusTable() {
    }

    static String render(JsonNode page) {
        StringBuilder out = new StringBuilder();
        List<String> counts = new ArrayList<>();
        for (String state : STATES) {
            counts.add(state + " " + page.path("counts").path(state).asLong(0));
        }
        out.append(String.join("  ", counts)).append('\n');
        JsonNode rows = page.path("rows");
        int offset = page.path("offset").asInt();
        out.append(page.path("total").asInt()).append(" matching")
                .append(rows.isEmpty() ? "" : ", showing " + (offset + 1) + "-" + (offset + rows.size())).append("\n\n");
        List<List<String>> table = new ArrayList<>();
        table.add(List.of(HEADER));
        for (JsonNode row : rows) {
            List<String> cells = new ArrayList<>();
            for (String field : FIELDS) {
                JsonNode value = row.get(field);
                String text = value == null || value.isNull() ? "-" : value.asString();
                if ("lag".equals(field) && value != null && value.asLong() < 0) {
                    text = "?";
                }
                cells.add(text);
            }
            table.add(cells);
        }
        int[] widths = new int[HEADER.length];
        for (List<String> cells : table) {
            for (int i = 0; i < cells.size(); i++) {
                widths[i] = Math.max(widths[i], cells.get(i).length());
            }
        }
        for (List<String> cells : table) {
            for (int i = 0; i < cells.size(); i++) {
                String cell = cells.get(i);
                out.append(i == cells.size() - 1 ? cell : cell + " ".repeat(widths[i] - cell.length() + 2));
            }
            out.append('\n');
        }
        for (JsonNode instance : page.path("instances")) {
            if (!instance.path("answered").asBoolean(true)) {
                out.append("incomplete: instance ").append(instance.path("owner").asString()).append(" did not answer (")
                        .append(instance.path("error").asString()).append(")\n");
            }
        }
        return out.toString();
    }
}
