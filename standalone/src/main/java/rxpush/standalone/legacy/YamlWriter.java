package rxpush.standalone.legacy;

/** Just enough YAML for a nested map of scalars, lists and list-of-maps, with comments. */
final class YamlWriter {

    private final StringBuilder out = new StringBuilder();
    private int depth;

    void comment(String text) {
        indent().append("# ").append(text).append('\n');
    }

    void open(String key) {
        indent().append(key).append(":\n");
        depth++;
    }

    void close() {
        depth--;
    }

    /** A string value, quoted. */
    void value(String key, String value, String note) {
        raw(key, quote(value), note);
    }

    /** A value written as given (numbers, booleans, durations). */
    void raw(String key, String value, String note) {
        indent().append(key).append(": ").append(value);
        if (note != null) {
            out.append("  # ").append(note);
        }
        out.append('\n');
    }

    void list(String key, java.util.List<String> values, String note) {
        raw(key, "[" + String.join(", ", values.stream().map(YamlWriter::quote).toList()) + "]", note);
    }

    /** One entry of a list of maps: alternating keys and values. */
    void item(String... keysAndValues) {
        for (int i = 0; i < keysAndValues.length; i += 2) {
            indent().append(i == 0 ? "- " : "  ").append(keysAndValues[i]).append(": ").append(quote(keysAndValues[i + 1])).append('\n');
        }
    }

    String text() {
        return out.toString();
    }

    private StringBuilder indent() {
        return out.append("  ".repeat(depth));
    }

    static String quote(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\x%02x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
