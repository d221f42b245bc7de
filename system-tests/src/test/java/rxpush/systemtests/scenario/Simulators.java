package rxpush.systemtests.scenario;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The exchange simulator's workload (creates, updates, moves and cancels bookings, each change
 * numbered) and the resourcexpress simulator's {@code verify}, the oracle against Exchange's truth.
 */
final class Simulators {

    private final URI exchange;
    private final URI rx;

    Simulators(URI exchange, URI rx) {
        this.exchange = exchange;
        this.rx = rx;
    }

    void startWorkload(double changesPerSecond) {
        Http.post(exchange.resolve("/sim/workload/start?rate=" + changesPerSecond), "");
    }

    /** Stops the workload and returns the number of the last change it made. */
    long stopWorkload() {
        return Http.post(exchange.resolve("/sim/workload/stop"), "").path("lastSequence").asLong();
    }

    long lastSequence() {
        return Http.get(exchange.resolve("/sim/workload")).path("lastSequence").asLong();
    }

    /** The request number of the newest write RX applied (0 before any). */
    long lastAppliedRequest() {
        long last = 0;
        for (JsonNode request : Http.get(rx.resolve("/sim/requests?limit=200"))) {
            if (request.path("applied").asBoolean()) {
                last = Math.max(last, request.path("seq").asLong());
            }
        }
        return last;
    }

    Verdict verify() {
        return Verdict.of(verifyReport());
    }

    /** The resourcexpress simulator's whole verify report (every finding, not only the counts). */
    JsonNode verifyReport() {
        return Http.post(rx.resolve("/sim/verify"), "");
    }

    /** Fault switches of the resourcexpress simulator ({@code PUT /sim/faults} replaces them all). */
    void rxDown(Duration duration) {
        Http.post(rx.resolve("/sim/faults/down"), "{\"duration\":\"" + duration + "\",\"mode\":\"UNAVAILABLE\"}");
    }

    /**
     * Exchange's fault switches ({@code PATCH /sim/faults}: the fields given change, the others stay),
     * e.g. {@code {"ewsBusyRate":0.2,"ewsBackOff":"2s"}}.
     */
    void exchangeFaults(String json) {
        Http.patch(exchange.resolve("/sim/faults"), json);
    }

    /** Silent death of a mailbox's subscriptions: they vanish at Exchange without a notification. */
    void killSubscriptions(String protocol, String mailbox) {
        Http.post(exchange.resolve("/sim/subscriptions/kill?protocol=" + protocol + "&mailbox=" + mailbox), "");
    }

    /** A Graph lifecycle event ({@code missed}, {@code subscriptionRemoved}, ...) for a mailbox's subscription. */
    void graphLifecycle(String event, String mailbox) {
        Http.post(exchange.resolve("/sim/subscriptions/graph/lifecycle?event=" + event + "&mailbox=" + mailbox), "");
    }

    /** Ids of the subscriptions Exchange holds ACTIVE for a mailbox ({@code ews} or {@code graph}). */
    List<String> activeSubscriptions(String protocol, String mailbox) {
        List<String> ids = new ArrayList<>();
        for (JsonNode s : exchangeSubscriptions().path(protocol)) {
            if (mailbox.equalsIgnoreCase(s.path("mailbox").asString()) && "ACTIVE".equals(s.path("state").asString())) {
                ids.add(s.path("id").asString());
            }
        }
        return ids;
    }

    /** A counter of the exchange simulator ({@code GET /sim/stats}), 0 when it has not counted yet. */
    long exchangeCount(String counter) {
        return exchangeStats().path(counter).asLong();
    }

    /** Every subscription Exchange holds, by protocol ({@code GET /sim/subscriptions}). */
    JsonNode exchangeSubscriptions() {
        return Http.get(exchange.resolve("/sim/subscriptions"));
    }

    /** The exchange simulator's counters ({@code GET /sim/stats}). */
    JsonNode exchangeStats() {
        return Http.get(exchange.resolve("/sim/stats"));
    }

    /**
     * Freshness of every booking RX stored after {@code since}: from Exchange's lastModified of the
     * stored version to the moment RX stored it. EWS carries lastModified to the second, so values
     * can read up to a second high.
     */
    List<Duration> freshnessSince(Instant since) {
        List<Duration> all = new ArrayList<>();
        for (JsonNode stored : Http.get(rx.resolve("/sim/bookings"))) {
            Instant storedAt = Instant.parse(stored.path("storedAt").asString());
            JsonNode modified = stored.path("booking").path("lastModified");
            if (storedAt.isAfter(since) && modified.isString()) {
                all.add(Duration.between(Instant.parse(modified.asString()), storedAt));
            }
        }
        Collections.sort(all);
        return all;
    }

    static Duration percentile(List<Duration> sorted, double p) {
        if (sorted.isEmpty()) {
            return Duration.ZERO;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    /** RX against the truth: the four counts the promise is about. */
    record Verdict(boolean ok, int truthBookings, int rxBookings, int missing, int stale, int extra,
            int duplicateApplied, String firstFinding) {

        static Verdict of(JsonNode report) {
            String first = "";
            for (String list : List.of("missing", "stale", "extra", "duplicateApplied")) {
                if (first.isEmpty() && !report.path(list).isEmpty()) {
                    first = list + ": " + report.path(list).get(0);
                }
            }
            return new Verdict(report.path("ok").asBoolean(), report.path("truthBookings").asInt(),
                    report.path("rxBookings").asInt(), report.path("missing").size(), report.path("stale").size(),
                    report.path("extra").size(), report.path("duplicateApplied").size(), first);
        }

        String counts() {
            return "missing " + missing + ", stale " + stale + ", extra " + extra + ", duplicate-applied "
                    + duplicateApplied + " (" + truthBookings + " bookings in Exchange, " + rxBookings + " at RX)";
        }
    }
}
