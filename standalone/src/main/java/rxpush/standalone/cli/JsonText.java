package rxpush.standalone.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import rxpush.common.kafka.ContractJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Renders admin API answers for a terminal: a list of objects as a table (one row each, the union of
 * their fields as columns), an object as "field: value" lines, anything else as it came.
 */
final class JsonText {

    private JsonText() {
    }

    static String render(String body) {
        JsonNode node;
        try {
            node = ContractJson.mapper().readTree(body);
        } catch (JacksonException | IllegalArgumentException e) {
            return body;
        }
        if (node == null || node.isMissingNode()) {
            return body;
        }
        JsonNode list = node.isArray() ? node : firstArrayField(node);
        if (list != null) {
            return table(list);
        }
        StringBuilder out = new StringBuilder();
        node.properties().forEach(e -> out.append(e.getKey()).append(": ").append(cell(e.getValue())).append('\n'));
        return out.toString();
    }

    /** {"mailboxes":[...]} and similar wrappers render as their list. */
    private static JsonNode firstArrayField(JsonNode node) {
        if (!node.isObject() || node.size() != 1) {
            return null;
        }
        JsonNode only = node.iterator().next();
        return only.isArray() ? only : null;
    }

    private static String table(JsonNode rows) {
        if (rows.isEmpty()) {
            return "(none)\n";
        }
        Set<String> columns = new LinkedHashSet<>();
        rows.forEach(row -> row.propertyNames().forEach(columns::add));
        List<String> header = new ArrayList<>(columns);
        List<List<String>> cells = new ArrayList<>();
        for (JsonNode row : rows) {
            cells.add(header.stream().map(c -> cell(row.get(c))).toList());
        }
        int[] widths = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : cells) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendRow(out, header, widths);
        cells.forEach(row -> appendRow(out, row, widths));
        return out.toString();
    }

    private static void appendRow(StringBuilder out, List<String> cells, int[] widths) {
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            out.append(i == cells.size() - 1 ? cell : cell + " ".repeat(widths[i] - cell.length() + 2));
        }
        out.append('\n');
    }

    private static String cell(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "-";
        }
        return value.isValueNode() ? value.asString() : value.toString();
    }
}
