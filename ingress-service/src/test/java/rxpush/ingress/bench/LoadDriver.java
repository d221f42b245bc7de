package rxpush.ingress.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Drives one endpoint with concurrent HTTP clients, either at a fixed offered rate (open loop:
 * latency counted from when a request was due, so a stalled server cannot hide its queue) or at
 * saturation (closed loop: N clients sending back to back).
 */
final class LoadDriver {

    /** Builds request {@code n}; must be thread-safe. Returns the request and its expected status. */
    interface Requests {
        Request next();
    }

    /** One request to send and the status that means "accepted"; {@code done} releases its slot. */
    record Request(HttpRequest http, int acceptedStatus, Runnable done) {
    }

    /** What a phase measured. */
    record Result(String name, double seconds, long accepted, long failed, Histogram latencyMicros) {

        double acceptedPerSecond() {
            return accepted / seconds;
        }

        double percentileMillis(double percentile) {
            return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private static final int MAX_IN_FLIGHT = 1024;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    /** Offers {@code rate} requests per second for {@code duration}. */
    Result fixedRate(String name, Requests requests, int rate, Duration duration) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; ; i++) {
                long due = start + i * interval;
                if (due >= end) {
                    break;
                }
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                inFlight.acquire();
                senders.submit(() -> {
                    try {
                        send(requests.next(), due, recorder, accepted, failed);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        return new Result(name, (System.nanoTime() - start) / 1e9, accepted.get(), failed.get(), recorder.getIntervalHistogram());
    }

    /** {@code clients} clients sending back to back for {@code duration}. */
    Result saturate(String name, Requests requests, int clients, Duration duration) {
        Recorder recorder = new Recorder(3);
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                senders.submit(() -> {
                    while (System.nanoTime() < end) {
                        send(requests.next(), System.nanoTime(), recorder, accepted, failed);
                    }
                });
            }
        }
        return new Result(name, (System.nanoTime() - start) / 1e9, accepted.get(), failed.get(), recorder.getIntervalHistogram());
    }

    private void send(Request request, long due, Recorder recorder, AtomicLong accepted, AtomicLong failed) {
        try {
            HttpResponse<Void> response = client.send(request.http(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == request.acceptedStatus()) {
                recorder.recordValue(Math.max(1, (System.nanoTime() - due) / 1000));
                accepted.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
        } catch (java.io.IOException e) {
            failed.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed.incrementAndGet();
        } finally {
            request.done().run();
        }
    }

    static HttpRequest post(URI uri, String contentType, byte[] body) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }
}
