package rxpush.simulators.resourcexpress.bookings;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * The optional data file: one JSON line per recorded write, appended and flushed before the write
 * takes effect in memory, so what a client was told survives a restart. Without a file it does
 * nothing.
 */
final class Journal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Journal.class);

    private final Path file;
    private BufferedWriter out;

    private Journal(Path file) {
        this.file = file;
    }

    static Journal none() {
        return new Journal(null);
    }

    static Journal at(Path file) {
        return new Journal(file);
    }

    /**
     * The recorded writes, oldest first. A cut-off last line (a crash while writing) is skipped;
     * any other unreadable line stops start-up, naming the file and line.
     */
    List<JournalEntry> read() {
        List<JournalEntry> entries = new ArrayList<>();
        if (file == null || !Files.exists(file)) {
            return entries;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read data file " + file, e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                entries.add(SimJson.mapper().readValue(line, JournalEntry.class));
            } catch (JacksonException | IllegalArgumentException e) {
                if (i == lines.size() - 1) {
                    log.warn("Data file {}: skipping a cut-off last line {}", file, i + 1);
                } else {
                    throw new IllegalStateException("data file " + file + " line " + (i + 1)
                            + " is not a simulator journal entry: " + e.getMessage(), e);
                }
            }
        }
        return entries;
    }

    void append(JournalEntry entry) {
        if (file == null) {
            return;
        }
        try {
            if (out == null) {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            }
            out.write(SimJson.write(entry));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to data file " + file, e);
        }
    }

    /** Forgets every recorded write (reset). */
    void truncate() {
        if (file == null) {
            return;
        }
        close();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reset data file " + file, e);
        }
    }

    @Override
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                log.warn("Data file {}: close failed: {}", file, e.toString());
            }
            out = null;
        }
    }
}
