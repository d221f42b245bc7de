package rxpush.standalone.legacy;

import java.util.List;

/**
 * What {@code import-legacy-config} produced: the application.yml text and what needs attention.
 *
 * @param yaml     the translated configuration
 * @param warnings one line each, naming the legacy key and the rx-push property
 */
public record ImportResult(String yaml, List<String> warnings) {

    public ImportResult {
        warnings = List.copyOf(warnings);
    }
}
