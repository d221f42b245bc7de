package rxpush.systemtests.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The property keys a set of markdown files documents: every {@code `a.b-c.d`} in backticks. A
 * table row's shorthand siblings ({@code `rxpush.ews.username` / `password`}) count as keys of the
 * same parent, and {@code `prefix.*`} documents every key below the prefix. An environment
 * variable named as such ({@code `RXPUSH_ADMIN_URL`}, read by the CLI rather than bound by Spring)
 * documents itself.
 */
final class DocumentedProperties {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]*(\\[[a-z0-9]+])?(\\.[a-z0-9-]+(\\[[a-z0-9]+])?)+(\\.\\*)?");
    private static final Pattern SIBLING = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)+");

    private final Set<String> keys = new LinkedHashSet<>();
    private final Set<String> prefixes = new LinkedHashSet<>();

    static DocumentedProperties read(Path... files) throws IOException {
        DocumentedProperties documented = new DocumentedProperties();
        for (Path file : files) {
            if (Files.exists(file)) {
                Files.readAllLines(file).forEach(documented::scan);
            }
        }
        return documented;
    }

    private void scan(String line) {
        Matcher code = CODE.matcher(line);
        String parent = null;
        while (code.find()) {
            String token = code.group(1).trim();
            if (ENV_NAME.matcher(token).matches()) {
                keys.add(squash(token));
            } else if (KEY.matcher(token).matches()) {
                if (token.endsWith(".*")) {
                    prefixes.add(squash(envForm(token.substring(0, token.length() - 2))));
                } else {
                    keys.add(squash(envForm(token)));
                }
                parent = token.substring(0, token.lastIndexOf('.'));
            } else if (parent != null && line.startsWith("|") && SIBLING.matcher(token).matches()) {
                keys.add(squash(envForm(parent + "." + token)));
            }
        }
    }

    /**
     * Whether the environment variable {@code name} binds a documented property. Spring binds both
     * {@code RXPUSH_EWS_STATUSFREQUENCY} (dashes dropped) and {@code RXPUSH_EWS_STATUS_FREQUENCY}
     * (dashes as underscores) to {@code rxpush.ews.status-frequency}, so names compare without
     * separators.
     */
    boolean documents(String name) {
        String env = squash(name.toUpperCase(Locale.ROOT).replaceAll("_[0-9]+(?=_|$)", "_N"));
        return keys.contains(env) || prefixes.stream().anyMatch(env::startsWith);
    }

    private static String squash(String envName) {
        return envName.replace("_", "");
    }

    /**
     * Spring's environment-variable form of a property: upper case, dots to underscores, dashes
     * dropped, list indexes as {@code _N}.
     */
    static String envForm(String key) {
        return key.replaceAll("\\[[a-z0-9]+]", ".n").replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    int size() {
        return keys.size() + prefixes.size();
    }
}
