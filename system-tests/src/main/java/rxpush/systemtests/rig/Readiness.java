package rxpush.systemtests.rig;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Waits until an instance is ready, failing fast (with its log's tail) when its process dies. */
final class Readiness {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private Readiness() {
    }

    /** Whether {@code instance} answers its readiness check right now. */
    static boolean isReady(Instance instance) {
        if (instance.healthPath() == null) {
            return accepts(instance.port());
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(instance.adminUrl().resolve(instance.healthPath()))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void await(Instance instance, Processes processes, RunDirectory dir, Duration timeout) {
        awaitCondition(instance.name() + " ready", () -> {
            if (processes.handle(instance.name()).isEmpty()) {
                throw new IllegalStateException(instance.name() + " exited during start-up; last lines of "
                        + dir.log(instance.name()) + ":\n" + tail(dir.log(instance.name()), 30));
            }
            return isReady(instance);
        }, timeout);
    }

    /** Polls {@code condition} every 200 ms until it holds; an exception it throws aborts the wait. */
    static void awaitCondition(String what, BooleanSupplier condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what, e);
            }
        }
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
