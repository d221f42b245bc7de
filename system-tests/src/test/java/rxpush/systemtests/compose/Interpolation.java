package rxpush.systemtests.compose;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compose's variable interpolation as a run with no variables set sees it: {@code ${X:-default}}
 * and {@code ${X-default}} give the default, {@code ${X}} the empty string, {@code $$} a dollar.
 * A required variable ({@code ${X:?message}}, where compose stops) becomes the empty string.
 */
final class Interpolation {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:?([-?])([^}]*))?}");

    private Interpolation() {
    }

    static String defaults(String value) {
        Matcher matcher = VARIABLE.matcher(value.replace("$$", "\u0000"));
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String fallback = matcher.group(3) == null || matcher.group(3).equals("?") ? "" : matcher.group(4);
            matcher.appendReplacement(out, Matcher.quoteReplacement(fallback));
        }
        matcher.appendTail(out);
        return out.toString().replace("\u0000", "$");
    }
}
