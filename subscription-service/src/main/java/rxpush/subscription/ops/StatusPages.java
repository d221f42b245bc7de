package rxpush.subscription.ops;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import rxpush.common.kafka.ContractJson;
import rxpush.subscription.engine.MailboxStatus;
import rxpush.subscription.engine.SubscriptionEngine;
import rxpush.subscription.engine.SyncState;

/**
 * The status page's data across every subscription instance: each instance answers for the mailboxes it
 * owns (live state), this one merges. A page of the merged list needs at most offset+limit rows from each
 * instance, so paging stays cheap at 100,000 mailboxes. An instance that does not answer is named in the
 * answer ({@code complete=false}) instead of failing the page.
 */
public final class StatusPages {

    /** Where one part of the answer came from. */
    public record Source(String owner, String adminUrl, boolean answered, String error) {
    }

    /** One page: counts per state (all instances), matching total, the rows, and the instances asked. */
    public record Page(Map<SyncState, Long> counts, int total, int offset, int limit, List<StatusRow> rows,
            List<Source> instances, boolean complete) {
    }

    static final String LOCAL_PATH = "/api/mailbox-status/local";
    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(10);

    private final SubscriptionEngine engine;
    private final ForwarderGroupLag lag;
    private final Peers peers;
    private final String self;
    private final String adminToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    /** @param adminToken the admin API's bearer token, which the other instances want as well */
    StatusPages(SubscriptionEngine engine, ForwarderGroupLag lag, Peers peers, String self, String adminToken) {
        this.engine = engine;
        this.lag = lag;
        this.peers = peers;
        this.self = self;
        this.adminToken = adminToken;
    }

    /** This instance's part (what peers ask for). */
    public StatusQuery.Part local(StatusQuery query, int first) {
        return query.local(engine, lag, self, first);
    }

    /** One page of the merged answer, ordered by address. */
    public Page page(StatusQuery query, int offset, int limit) {
        int first = offset + limit;
        List<StatusQuery.Part> parts = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        parts.add(local(query, first));
        sources.add(new Source(self, null, true, null));
        boolean complete = true;
        List<Peers.Peer> others;
        try {
            others = peers.others();
        } catch (Exception e) {
            others = List.of();
            complete = false;
            sources.add(new Source("?", null, false, "could not list the other instances: " + e.getClass().getSimpleName()));
        }
        List<CompletableFuture<StatusQuery.Part>> calls = new ArrayList<>();
        for (Peers.Peer peer : others) {
            calls.add(peer.adminUrl() == null ? CompletableFuture.failedFuture(
                    new IllegalStateException("advertises no admin port")) : ask(peer.adminUrl(), query, first));
        }
        for (int i = 0; i < others.size(); i++) {
            Peers.Peer peer = others.get(i);
            try {
                parts.add(calls.get(i).join());
                sources.add(new Source(peer.clientId(), String.valueOf(peer.adminUrl()), true, null));
            } catch (RuntimeException e) {
                complete = false;
                Throwable cause = e.getCause() == null ? e : e.getCause();
                sources.add(new Source(peer.clientId(), String.valueOf(peer.adminUrl()), false,
                        cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage())));
            }
        }
        Map<SyncState, Long> counts = new EnumMap<>(SyncState.class);
        int total = 0;
        List<StatusRow> rows = new ArrayList<>();
        for (StatusQuery.Part part : parts) {
            part.counts().forEach((state, n) -> counts.merge(state, n, Long::sum));
            total += part.matching();
            rows.addAll(part.rows());
        }
        rows.sort(Comparator.comparing(StatusRow::address));
        List<StatusRow> pageRows = rows.subList(Math.min(offset, rows.size()), Math.min(rows.size(), first));
        return new Page(counts, total, offset, limit, List.copyOf(pageRows), sources, complete);
    }

    /** One mailbox, from its owner (this instance or a peer); empty when no instance owns it now. */
    public Optional<StatusRow> one(String address) {
        String key = address.toLowerCase(Locale.ROOT);
        Optional<MailboxStatus> here = engine.status(key);
        if (here.isPresent()) {
            return local(new StatusQuery(null, null, key), Integer.MAX_VALUE).rows().stream()
                    .filter(r -> r.address().equals(key)).findFirst();
        }
        try {
            for (Peers.Peer peer : peers.others()) {
                if (peer.adminUrl() == null) {
                    continue;
                }
                Optional<StatusRow> row = ask(peer.adminUrl(), new StatusQuery(null, null, key), Integer.MAX_VALUE).join()
                        .rows().stream().filter(r -> r.address().equals(key)).findFirst();
                if (row.isPresent()) {
                    return row;
                }
            }
        } catch (Exception e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private CompletableFuture<StatusQuery.Part> ask(URI base, StatusQuery query, int first) {
        StringBuilder path = new StringBuilder(LOCAL_PATH).append("?first=").append(first);
        if (query.state() != null) {
            path.append("&state=").append(query.state());
        }
        if (query.protocol() != null) {
            path.append("&protocol=").append(query.protocol());
        }
        if (query.search() != null) {
            path.append("&q=").append(URLEncoder.encode(query.search(), StandardCharsets.UTF_8));
        }
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path.toString())).timeout(PEER_TIMEOUT)
                .header("Accept", "application/json").header("Authorization", "Bearer " + adminToken).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("answered " + response.statusCode());
            }
            return ContractJson.mapper().readValue(response.body(), StatusQuery.Part.class);
        });
    }
}
