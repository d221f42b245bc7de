package rxpush.simulators.exchange.ews;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * A small streaming XML writer producing compact markup the way Exchange does (no whitespace
 * between elements), with the {@code t:}, {@code m:} and SOAP prefixes chosen by the caller.
 */
final class XmlOut {

    private final StringBuilder out;
    private boolean openTag;

    XmlOut(int capacity) {
        this.out = new StringBuilder(capacity);
    }

    XmlOut raw(String markup) {
        closeTag();
        out.append(markup);
        return this;
    }

    XmlOut start(String name) {
        closeTag();
        out.append('<').append(name);
        openTag = true;
        return this;
    }

    XmlOut attr(String name, String value) {
        if (!openTag) {
            throw new IllegalStateException("attribute outside a start tag");
        }
        if (value != null) {
            out.append(' ').append(name).append("=\"");
            escape(value, true);
            out.append('"');
        }
        return this;
    }

    XmlOut text(String value) {
        closeTag();
        if (value != null) {
            escape(value, false);
        }
        return this;
    }

    XmlOut end(String name) {
        if (openTag) {
            out.append(" />");
            openTag = false;
        } else {
            out.append("</").append(name).append('>');
        }
        return this;
    }

    /** {@code <name>value</name>}; nothing when value is null. */
    XmlOut element(String name, String value) {
        if (value != null) {
            start(name).text(value);
            closeTag();
            out.append("</").append(name).append('>');
        }
        return this;
    }

    XmlOut element(String name, boolean value) {
        return element(name, Boolean.toString(value));
    }

    XmlOut element(String name, long value) {
        return element(name, Long.toString(value));
    }

    /** An xs:dateTime in UTC with whole seconds, as EWS writes it. */
    XmlOut element(String name, Instant value) {
        return value == null ? this : element(name, dateTime(value));
    }

    /** {@code <name Id=".." ChangeKey=".." />}. */
    XmlOut id(String name, String id, String changeKey) {
        return start(name).attr("Id", id).attr("ChangeKey", changeKey).end(name);
    }

    static String dateTime(Instant value) {
        return DateTimeFormatter.ISO_INSTANT.format(value.truncatedTo(ChronoUnit.SECONDS));
    }

    @Override
    public String toString() {
        closeTag();
        return out.toString();
    }

    private void closeTag() {
        if (openTag) {
            out.append('>');
            openTag = false;
        }
    }

    private void escape(String value, boolean attribute) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\r' -> out.append("&#xD;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        out.append("&#x").append(Integer.toHexString(c)).append(';');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
