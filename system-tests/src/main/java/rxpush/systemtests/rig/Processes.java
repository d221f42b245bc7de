package rxpush.systemtests.rig;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts and signals the stack's OS processes. Each process's pid and start time go to its pid
 * file, so another JVM (a later script command) finds it again and never signals an unrelated
 * process that reused the pid.
 */
final class Processes {

    private final RunDirectory dir;

    Processes(RunDirectory dir) {
        this.dir = dir;
    }

    /** Launches {@code command} detached from this JVM's streams, output appended to the log. */
    ProcessHandle start(String name, List<String> command) throws IOException {
        if (handle(name).isPresent()) {
            throw new IllegalStateException(name + " is already running");
        }
        Path log = dir.log(name);
        Files.createDirectories(log.getParent());
        Files.writeString(log, "### " + Instant.now() + " starting " + name + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        Process process = new ProcessBuilder(command)
                .directory(dir.root().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        ProcessHandle handle = process.toHandle();
        Files.createDirectories(dir.pidFile(name).getParent());
        Files.writeString(dir.pidFile(name), handle.pid() + "\n" + startOf(handle) + "\n");
        return handle;
    }

    /** The running process of {@code name}, if its pid file names a live process it started. */
    Optional<ProcessHandle> handle(String name) {
        Path file = dir.pidFile(name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(file);
            long pid = Long.parseLong(lines.get(0).trim());
            String started = lines.size() > 1 ? lines.get(1).trim() : "";
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(handle -> started.isEmpty() || started.equals(startOf(handle)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** SIGKILL: the process gets no chance to clean up. Returns false if it was not running. */
    boolean kill9(String name) {
        Optional<ProcessHandle> handle = handle(name);
        handle.ifPresent(running -> {
            running.destroyForcibly();
            awaitExit(running, Duration.ofSeconds(10));
        });
        return handle.isPresent();
    }

    /** SIGTERM, then SIGKILL if it has not exited within {@code grace}. */
    CompletableFuture<Void> terminate(String name, Duration grace) {
        Optional<ProcessHandle> handle = handle(name);
        if (handle.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        ProcessHandle running = handle.get();
        running.destroy();
        return CompletableFuture.runAsync(() -> {
            if (!awaitExit(running, grace)) {
                running.destroyForcibly();
                awaitExit(running, Duration.ofSeconds(10));
            }
        });
    }

    /** Resident set size in bytes (Linux /proc), or -1 when unknown. */
    static long rss(ProcessHandle handle) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(handle.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux or already gone.
        }
        return -1;
    }

    private static boolean awaitExit(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }

    private static String startOf(ProcessHandle handle) {
        return handle.info().startInstant().map(Instant::toString).orElse("");
    }
}
