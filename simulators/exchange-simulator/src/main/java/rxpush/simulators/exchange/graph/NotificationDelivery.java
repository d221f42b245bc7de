package rxpush.simulators.exchange.graph;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.json.JsonMapper;
import rxpush.simulators.exchange.clock.SimScheduler;
import rxpush.simulators.exchange.control.Faults;
import rxpush.simulators.exchange.control.Stats;

/**
 * Delivers Graph notifications like Graph: one queue per endpoint, notifications of several
 * subscriptions batched in one POST ({@code {"value":[...]}}), one POST in flight per endpoint. A
 * 2xx answer delivers; anything else is retried with doubling back-off for {@code retryFor}, then
 * dropped. Answers slower than the budget (3 s) are counted; when more than {@code slowShare} of an
 * endpoint's answers in the window took longer than {@code slowThreshold} it is "slow" and new
 * notifications wait {@code slowDelay}; above {@code dropShare} new notifications are dropped for
 * {@code dropDuration}. Those shares are judged once the window holds {@link #MIN_SAMPLES} answers.
 */
final class NotificationDelivery {

    static final int MIN_SAMPLES = 10;
    private static final int MAX_BATCH = 100;

    /** Timing rules; see GraphSettings for each. */
    record Settings(Duration answerBudget, Duration slowThreshold, double slowShare, double dropShare,
                    Duration throttleWindow, Duration slowDelay, Duration dropDuration, Duration deliveryTimeout,
                    Duration firstRetry, Duration retryFor, Duration batchWindow) {
    }

    /** A notification waiting for delivery. */
    record Pending(String subscriptionId, Map<String, Object> json) {
    }

    private final SimScheduler scheduler;
    private final Stats stats;
    private final Faults faults;
    private final JsonMapper json;
    private final Settings settings;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();

    NotificationDelivery(SimScheduler scheduler, Stats stats, Faults faults, JsonMapper json, Settings settings) {
        this.scheduler = scheduler;
        this.stats = stats;
        this.faults = faults;
        this.json = json;
        this.settings = settings;
    }

    /** Queues a notification for {@code url}; {@code kind} keeps change and lifecycle POSTs apart. */
    void enqueue(URI url, String kind, Pending pending) {
        Endpoint endpoint = endpoints.computeIfAbsent(kind + " " + url, k -> new Endpoint(url, kind));
        Duration delay;
        synchronized (endpoint) {
            Instant now = scheduler.clock().instant();
            if (endpoint.dropUntil != null && now.isBefore(endpoint.dropUntil)) {
                stats.increment("graph." + kind + ".droppedThrottled");
                return;
            }
            endpoint.queue.add(pending);
            if (endpoint.inFlight || endpoint.scheduled || endpoint.failing != null) {
                return;
            }
            endpoint.scheduled = true;
            delay = endpoint.slow ? settings.slowDelay() : settings.batchWindow();
        }
        scheduler.scheduleAfter(delay, "graph-delivery", () -> deliver(endpoint));
    }

    /** Drops what waits for one subscription (e.g. before a "missed" lifecycle event); returns how many. */
    int dropPending(String subscriptionId) {
        int dropped = 0;
        for (Endpoint endpoint : endpoints.values()) {
            synchronized (endpoint) {
                int before = endpoint.queue.size();
                endpoint.queue.removeIf(p -> p.subscriptionId().equals(subscriptionId));
                dropped += before - endpoint.queue.size();
            }
        }
        return dropped;
    }

    /** Per endpoint: queued, slow and dropping state, answers in the window. */
    List<Map<String, Object>> endpoints() {
        List<Map<String, Object>> views = new ArrayList<>();
        for (Endpoint e : endpoints.values()) {
            synchronized (e) {
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("url", e.url.toString());
                view.put("kind", e.kind);
                view.put("queued", e.queue.size() + (e.batch == null ? 0 : e.batch.size()));
                view.put("slow", e.slow);
                view.put("droppingUntil", e.dropUntil);
                view.put("answersInWindow", e.answers.size());
                view.put("slowAnswersInWindow", e.answers.stream().filter(a -> a.slow).count());
                views.add(view);
            }
        }
        return views;
    }

    private void deliver(Endpoint endpoint) {
        List<Pending> batch;
        synchronized (endpoint) {
            endpoint.scheduled = false;
            if (endpoint.inFlight) {
                return;
            }
            batch = endpoint.batch != null ? endpoint.batch : new ArrayList<>();
            while (batch.size() < MAX_BATCH && !endpoint.queue.isEmpty()) {
                batch.add(endpoint.queue.removeFirst());
            }
            if (batch.isEmpty()) {
                return;
            }
            endpoint.batch = batch;
            endpoint.inFlight = true;
        }
        boolean delivered = post(endpoint, batch);
        Duration next = null;
        synchronized (endpoint) {
            endpoint.inFlight = false;
            Instant now = scheduler.clock().instant();
            if (delivered) {
                endpoint.batch = null;
                endpoint.failing = null;
                endpoint.retryDelay = null;
                stats.add("graph." + endpoint.kind + ".delivered", batch.size());
            } else {
                if (endpoint.failing == null) {
                    endpoint.failing = now;
                    endpoint.retryDelay = settings.firstRetry();
                } else {
                    endpoint.retryDelay = endpoint.retryDelay.multipliedBy(2);
                }
                if (now.plus(endpoint.retryDelay).isAfter(endpoint.failing.plus(settings.retryFor()))) {
                    stats.add("graph." + endpoint.kind + ".expired", batch.size());
                    endpoint.batch = null;
                    endpoint.failing = null;
                } else {
                    stats.increment("graph." + endpoint.kind + ".retries");
                    next = endpoint.retryDelay;
                }
            }
            if (next == null && !endpoint.queue.isEmpty()) {
                next = endpoint.slow ? settings.slowDelay() : settings.batchWindow();
            }
            if (next != null) {
                endpoint.scheduled = true;
            }
        }
        if (next != null) {
            scheduler.scheduleAfter(next, "graph-delivery", () -> deliver(endpoint));
        }
    }

    /** POSTs one batch; true when it counts as delivered (a 2xx, or silently lost by the drop fault). */
    private boolean post(Endpoint endpoint, List<Pending> batch) {
        stats.increment("graph." + endpoint.kind + ".posts");
        stats.add("graph." + endpoint.kind + ".sent", batch.size());
        if (faults.dropPushNow()) {
            stats.add("graph." + endpoint.kind + ".lost", batch.size());
            return true;
        }
        String body = json.writeValueAsString(Map.of("value", batch.stream().map(Pending::json).toList()));
        HttpRequest request = HttpRequest.newBuilder(endpoint.url).timeout(settings.deliveryTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long started = System.nanoTime();
        int status;
        boolean timedOut = false;
        try {
            status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (HttpTimeoutException e) {
            status = 0;
            timedOut = true;
        } catch (IOException e) {
            status = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 0;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (took.compareTo(settings.answerBudget()) > 0 || timedOut) {
            stats.increment("graph." + endpoint.kind + ".slowAnswers");
        }
        if (status != 0 || timedOut) {
            judge(endpoint, timedOut || took.compareTo(settings.slowThreshold()) > 0);
        }
        return status >= 200 && status < 300;
    }

    private void judge(Endpoint endpoint, boolean slow) {
        synchronized (endpoint) {
            Instant now = scheduler.clock().instant();
            endpoint.answers.add(new Answer(now, slow));
            endpoint.answers.removeIf(a -> a.at.isBefore(now.minus(settings.throttleWindow())));
            if (endpoint.answers.size() < MIN_SAMPLES) {
                endpoint.slow = false;
                return;
            }
            double share = endpoint.answers.stream().filter(a -> a.slow).count() / (double) endpoint.answers.size();
            if (share > settings.dropShare()) {
                if (endpoint.dropUntil == null || !now.isBefore(endpoint.dropUntil)) {
                    stats.increment("graph." + endpoint.kind + ".dropStates");
                }
                endpoint.dropUntil = now.plus(settings.dropDuration());
            }
            boolean wasSlow = endpoint.slow;
            endpoint.slow = share > settings.slowShare();
            if (endpoint.slow && !wasSlow) {
                stats.increment("graph." + endpoint.kind + ".slowStates");
            }
        }
    }

    private record Answer(Instant at, boolean slow) {
    }

    private static final class Endpoint {
        final URI url;
        final String kind;
        final java.util.ArrayDeque<Pending> queue = new java.util.ArrayDeque<>();
        final List<Answer> answers = new ArrayList<>();
        List<Pending> batch;
        boolean inFlight;
        boolean scheduled;
        boolean slow;
        Instant dropUntil;
        Instant failing;
        Duration retryDelay;

        Endpoint(URI url, String kind) {
            this.url = url;
            this.kind = kind;
        }
    }
}
