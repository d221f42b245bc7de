package rxpush.forwarder.exchange;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rxpush.common.contract.Source;
import rxpush.common.exchange.GraphAccessDeniedException;
import rxpush.common.exchange.GraphAuthException;
import rxpush.common.exchange.GraphHttp;
import rxpush.common.exchange.ThrottledException;
import rxpush.common.kafka.ContractJson;
import rxpush.common.kafka.FailureStage;
import rxpush.forwarder.failure.ConfigurationFailure;
import rxpush.forwarder.failure.MailboxRefused;
import rxpush.forwarder.failure.PermanentFailure;
import rxpush.forwarder.failure.TransientFailure;
import rxpush.forwarder.pipeline.ForwarderMetrics;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads bookings from Office 365 through Microsoft Graph: {@code GET /users/{mailbox}/events/{id}}
 * per item (at most {@code mailboxConcurrency} at once per mailbox) and
 * {@code /users/{mailbox}/calendarView} for a RESYNC, asking for immutable ids (an event keeps its
 * id when it moves) and for times in UTC. Only an item-level 404 ({@code ErrorItemNotFound}) means the
 * event is gone: a 404 about the mailbox ({@code ErrorInvalidUser}, {@code MailboxNotEnabledForRESTAPI},
 * a new mailbox's first minutes, a body without a code) is a failure of the whole mailbox, retried with
 * back-off and counted, never a deletion ({@link GraphNotFound}). 429/503 are retried in place after
 * Graph's Retry-After ({@link ThrottleRetry}), then back off as a transient failure.
 */
public final class GraphBookingSource implements BookingSource {

    static final String PREFER = "outlook.timezone=\"UTC\", IdType=\"ImmutableId\"";
    static final int PAGE = 100;

    private final GraphHttp graph;
    private final ForwarderMetrics metrics;
    private final int mailboxConcurrency;
    private final ThrottleRetry throttleRetry;

    public GraphBookingSource(GraphHttp graph, ForwarderMetrics metrics, int mailboxConcurrency) {
        this(graph, metrics, mailboxConcurrency, ThrottleRetry.sleeping());
    }

    GraphBookingSource(GraphHttp graph, ForwarderMetrics metrics, int mailboxConcurrency, ThrottleRetry throttleRetry) {
        this.graph = graph;
        this.metrics = metrics;
        this.mailboxConcurrency = mailboxConcurrency;
        this.throttleRetry = throttleRetry;
    }

    @Override
    public Source protocol() {
        return Source.GRAPH;
    }

    @Override
    public Map<String, Fetched> fetch(String mailbox, List<String> itemIds) {
        List<Fetched> results = Fanout.map(itemIds, mailboxConcurrency, id -> get(mailbox, id));
        Map<String, Fetched> answer = new LinkedHashMap<>();
        for (int i = 0; i < itemIds.size(); i++) {
            answer.put(itemIds.get(i), results.get(i));
        }
        return answer;
    }

    private Fetched get(String mailbox, String itemId) {
        metrics.exchangeRequest(Source.GRAPH, "get-event");
        HttpResponse<String> response = send(graph.request("/users/" + encode(mailbox) + "/events/" + encode(itemId)
                + "?$select=" + GraphMapper.SELECT).header("Prefer", PREFER).GET(), mailbox);
        int status = response.statusCode();
        if (status == 200) {
            return GraphMapper.map(mailbox, json(response, mailbox));
        }
        if (status == 404) {
            return GraphNotFound.judge(errorCode(response), mailbox, "reading an event", metrics);
        }
        if (status >= 500) {
            throw new TransientFailure("Graph answered " + status + " reading an event of " + mailbox, null);
        }
        return new Fetched.Unreadable(new PermanentFailure(FailureStage.FETCH, "Graph answered " + status
                + " reading an event of " + mailbox + ": " + errorCode(response)));
    }

    @Override
    public List<Listed> window(String mailbox, Instant from, Instant to) {
        return list(mailbox, "/users/" + encode(mailbox) + "/calendarView", from, to, "calendar-view");
    }

    @Override
    public List<Listed> instances(String mailbox, String masterItemId, Instant from, Instant to) {
        try {
            return list(mailbox, "/users/" + encode(mailbox) + "/events/" + encode(masterItemId) + "/instances", from,
                    to, "instances");
        } catch (SeriesNotFound gone) {
            return List.of();
        }
    }

    /** A calendarView or instances listing, page by page, with full events. */
    private List<Listed> list(String mailbox, String path, Instant from, Instant to, String kind) {
        List<Listed> listed = new ArrayList<>();
        HttpRequest.Builder next = graph.request(path + "?startDateTime=" + from + "&endDateTime=" + to
                + "&$select=" + GraphMapper.SELECT + "&$top=" + PAGE);
        while (next != null) {
            metrics.exchangeRequest(Source.GRAPH, kind);
            HttpResponse<String> response = send(next.header("Prefer", PREFER + ", odata.maxpagesize=" + PAGE).GET(),
                    mailbox);
            if (response.statusCode() == 404) {
                String code = errorCode(response);
                if (kind.equals("instances") && GraphNotFound.ITEM_NOT_FOUND.equals(code)) {
                    throw new SeriesNotFound();
                }
                throw GraphNotFound.mailboxFailure(code, mailbox, kind, metrics);
            }
            if (response.statusCode() != 200) {
                RuntimeException failure = response.statusCode() >= 500
                        ? new TransientFailure("Graph answered " + response.statusCode() + " to " + kind + " of " + mailbox, null)
                        : new PermanentFailure(FailureStage.FETCH, "Graph answered " + response.statusCode()
                                + " to " + kind + " of " + mailbox + ": " + errorCode(response));
                throw failure;
            }
            JsonNode page = json(response, mailbox);
            for (JsonNode event : page.path("value")) {
                Fetched mapped = GraphMapper.map(mailbox, event);
                String id = event.path("id").asString("");
                String version = mapped instanceof Fetched.Found found ? found.version() : id;
                String master = event.path("seriesMasterId").isString() ? event.path("seriesMasterId").asString() : null;
                listed.add(new Listed(id, version, master, mapped));
            }
            String link = page.path("@odata.nextLink").asString(null);
            next = link == null ? null : graph.requestAbsolute(URI.create(link));
        }
        return listed;
    }

    /** The series master itself is not found: it has no instances left. */
    private static final class SeriesNotFound extends RuntimeException {
        SeriesNotFound() {
            super(null, null, false, false);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String mailbox) {
        try {
            for (int retries = 0; ; retries++) {
                try {
                    return graph.send(request);
                } catch (ThrottledException e) {
                    if (!throttleRetry.waitToRetry(retries, e.retryAfter())) {
                        metrics.throttled(Source.GRAPH, "paused");
                        throw new TransientFailure("Graph throttled requests for " + mailbox, e.retryAfter(), e);
                    }
                    metrics.throttled(Source.GRAPH, "retried");
                }
            }
        } catch (GraphAccessDeniedException e) {
            // The token works but this mailbox is out of the app's reach (access policy): park it, not all.
            throw new MailboxRefused(mailbox, e.getMessage(), e);
        } catch (GraphAuthException e) {
            throw new ConfigurationFailure(ConfigurationFailure.Component.EXCHANGE, e.getMessage(), e);
        } catch (IOException e) {
            throw new TransientFailure("Graph request for " + mailbox + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailure("interrupted while calling Graph", e);
        }
    }

    private static JsonNode json(HttpResponse<String> response, String mailbox) {
        try {
            return ContractJson.mapper().readTree(response.body());
        } catch (JacksonException e) {
            throw new TransientFailure("Graph sent invalid JSON for " + mailbox, e);
        }
    }

    static String errorCode(HttpResponse<String> response) {
        try {
            return ContractJson.mapper().readTree(response.body()).path("error").path("code").asString("no error code");
        } catch (JacksonException | IllegalArgumentException e) {
            return "no error code";
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
