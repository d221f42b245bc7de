package rxpush.standalone;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** One start of the packaged jar as a separate process: its output line by line, thread dumps, a hard kill. */
final class JarProcess implements AutoCloseable {

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile long lastLineNanos = System.nanoTime();

    private JarProcess(Process process, Consumer<String> onLine) {
        this.process = process;
        this.reader = Thread.ofPlatform().daemon().name("jar-output-" + process.pid()).start(() -> collect(onLine));
    }

    static JarProcess start(List<String> command, Path workDir, Consumer<String> onLine) throws IOException {
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        return new JarProcess(process, onLine);
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    boolean printed(String prefix) {
        return output.stream().anyMatch(line -> line.startsWith(prefix));
    }

    /** How long the process has printed nothing: a frozen start is silent, a slow one is not. */
    Duration silentFor() {
        return Duration.ofNanos(System.nanoTime() - lastLineNanos);
    }

    List<String> output() {
        return List.copyOf(output);
    }

    /**
     * Thread dumps of the running process into {@code dir}: {@code jcmd Thread.print -e} (platform
     * threads with the virtual threads they carry, and locks) and {@code Thread.dump_to_file -format=json}
     * (every virtual thread, mounted or not). Returns the plain dump's text, or why there is none.
     */
    String threadDumps(Path dir, String name) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return "(no thread dump: " + jcmd + " not found; run the test on a JDK)";
        }
        try {
            Files.createDirectories(dir);
            Path plain = dir.resolve(name + "-threads.txt");
            Path json = dir.resolve(name + "-threads.json");
            run(List.of(jcmd.toString(), Long.toString(pid()), "Thread.print", "-e", "-l"), plain);
            run(List.of(jcmd.toString(), Long.toString(pid()), "Thread.dump_to_file", "-overwrite", "-format=json",
                    json.toString()), dir.resolve(name + "-jcmd.txt"));
            Files.write(dir.resolve(name + "-output.log"), output);
            return "thread dumps: " + plain + " and " + json + "\n" + Files.readString(plain);
        } catch (IOException | InterruptedException e) {
            return "(thread dump failed: " + e + ")";
        }
    }

    private static void run(List<String> command, Path into) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(into.toFile()).start();
        if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
            jcmd.destroyForcibly();
        }
    }

    /** SIGKILL: each start has its own data directory, nothing to stop cleanly. */
    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        reader.join(Duration.ofSeconds(5));
    }

    private void collect(Consumer<String> onLine) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                lastLineNanos = System.nanoTime();
                onLine.accept(line);
            }
        } catch (IOException ended) {
            // the process ended
        }
    }

    static List<String> tail(List<String> lines, int count) {
        return new ArrayList<>(lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }
}
