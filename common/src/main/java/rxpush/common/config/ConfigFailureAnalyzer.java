package rxpush.common.config;

import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.validation.FieldError;

/**
 * Turns a failed configuration binding into one line that names the key and why, instead of Spring's
 * multi-line dump. Values are never printed: the key may hold a secret. Ordered first so it wins over
 * Spring's own binding analyzers.
 */
public class ConfigFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        return new FailureAnalysis(describe(cause), "Fix the setting (docs/configuration.md lists every key) and start again.", cause);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** The one-line description of a start-up failure caused by a bad setting, if that is what it is. */
    public static java.util.Optional<String> describeConfigFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BindException bind) {
                return java.util.Optional.of(describe(bind));
            }
        }
        return java.util.Optional.empty();
    }

    static String describe(BindException cause) {
        String prefix = cause.getName().toString();
        if (cause.getCause() instanceof BindValidationException validation) {
            return "Invalid configuration: " + validation.getValidationErrors().getAllErrors().stream()
                    .map(error -> error instanceof FieldError field
                            ? base(prefix, field.getObjectName()) + "." + kebab(field.getField()) + " " + field.getDefaultMessage()
                            : base(prefix, error.getObjectName()) + " " + error.getDefaultMessage())
                    .collect(Collectors.joining("; "));
        }
        String property = cause.getProperty() != null ? cause.getProperty().getName().toString() : prefix;
        return "Invalid configuration: " + property + ": " + reason(cause);
    }

    private static String reason(Throwable failure) {
        Throwable cause = failure;
        String message = null;
        while (cause != null) {
            if (cause instanceof org.springframework.core.convert.ConversionFailedException conversion) {
                // Spring's conversion messages quote the value, and the value may be a secret.
                return "cannot be read as " + conversion.getTargetType().getType().getSimpleName();
            }
            if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
                message = cause.getMessage();
            }
            if (cause.getCause() == cause) {
                break;
            }
            cause = cause.getCause();
        }
        if (message != null) {
            return message;
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /**
     * The key the error's field is relative to: a nested record's violations may name the nested
     * object ({@code rxpush.subscription}) rather than carry its path in the field.
     */
    static String base(String prefix, String objectName) {
        return objectName != null && objectName.startsWith(prefix + ".") ? kebab(objectName) : prefix;
    }

    /** Field paths come as Java names (statusFrequency); properties are written kebab-case. */
    static String kebab(String path) {
        return path.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
