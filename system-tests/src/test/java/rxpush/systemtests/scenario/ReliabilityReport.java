package rxpush.systemtests.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results of a scenario run: one row per scenario (faults injected, the oracle's counts, the
 * recovery times measured). Always written to {@code target/reliability/<run>.md}; the reliability
 * profile also writes the results section of docs/reliability.md.
 */
final class ReliabilityReport {

    static final String BEGIN = "<!-- results: written by the reliability run, do not edit below -->";

    private final String run;
    private final List<String> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    ReliabilityReport(String run) {
        this.run = run;
    }

    synchronized void row(String scenario, String faults, Simulators.Verdict verdict, String measured) {
        rows.add("| " + scenario + " | " + faults + " | " + verdict.missing() + " | " + verdict.stale() + " | "
                + verdict.duplicateApplied() + " | " + verdict.extra() + " | " + verdict.truthBookings() + " | "
                + measured + " |");
    }

    synchronized void note(String line) {
        notes.add(line);
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    synchronized String markdown(String environment) {
        StringBuilder out = new StringBuilder();
        out.append("### ").append(run).append(" (").append(Instant.now().toString(), 0, 16).append("Z)\n\n");
        out.append(environment).append("\n\n");
        out.append("| scenario | faults injected | missing | stale | duplicate-applied | extra | bookings | measured |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        rows.forEach(row -> out.append(row).append('\n'));
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(note -> out.append("- ").append(note).append('\n'));
        }
        return out.toString();
    }

    /**
     * The document with this run's section replaced (or added): the results area after {@link #BEGIN}
     * holds one {@code ### run (time)} section per run name.
     */
    String withSection(String document, String section) {
        int begin = document.indexOf(BEGIN);
        String head = begin < 0 ? document.stripTrailing() + "\n\n" + BEGIN : document.substring(0, begin + BEGIN.length());
        Map<String, String> sections = new LinkedHashMap<>();
        if (begin >= 0) {
            for (String part : document.substring(begin + BEGIN.length()).split("(?m)^(?=### )")) {
                if (part.startsWith("### ")) {
                    sections.put(part.substring(4, part.indexOf(" (")), part.stripTrailing());
                }
            }
        }
        sections.put(run, section.stripTrailing());
        return head + "\n\n" + String.join("\n\n", sections.values()) + "\n";
    }

    /** Writes target/reliability/{run}.md and, when asked, replaces the results in docs/reliability.md. */
    void write(Path moduleDir, String environment) {
        String text = markdown(environment);
        try {
            Path target = moduleDir.resolve("target/reliability/" + run + ".md");
            Files.createDirectories(target.getParent());
            Files.writeString(target, text);
            String docs = System.getProperty("rxpush.reliability.docs");
            if (docs != null && !docs.isBlank()) {
                Files.writeString(Path.of(docs), withSection(Files.readString(Path.of(docs)), text));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
