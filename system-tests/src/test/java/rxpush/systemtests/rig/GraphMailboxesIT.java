package rxpush.systemtests.rig;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Graph mailboxes on the multi-process rig: the subscription service (its own JVM) creates their Graph
 * subscriptions at the exchange simulator, through the validation handshake on the balancer in front
 * of ingress, and ingress learns them. Also when ingress is not answering at the moment of creation
 * (the rig starts ingress and the subscription service together): the creation is retried on the
 * transient back-off, not only at the next maintenance pass five minutes later.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GraphMailboxesIT {

    private static final int GRAPH_ROOMS = 3;
    /** Well under the 5-minute maintenance pass, which is when a permanent failure is retried. */
    private static final Duration SOON = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LocalStack stack;

    @BeforeAll
    void start() {
        stack = LocalStack.start(StackSpec.defaults(RigClasspath.moduleDir().resolve("target/rig-runs/graph-mailboxes"),
                RigClasspath.of(RigClasspath.moduleDir())).withCounts(1, 1, 1, 0).withGraphRooms(GRAPH_ROOMS)
                .withFreePortBase());
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void graphMailboxesAreSubscribedAndACreationIngressMissedIsRetriedSoon() {
        List<String> graphRooms = ServiceWiring.mailboxes().subList(ServiceWiring.MAILBOXES - GRAPH_ROOMS,
                ServiceWiring.MAILBOXES);
        eventually("every Graph room subscribed at Graph").until(() -> liveAtGraph().containsAll(graphRooms));
        eventually("ingress knows all 6 subscriptions").until(() -> ingressSubscriptions() >= 6);

        // Ingress away while room-6 needs a new subscription: Graph's validation handshake fails.
        String room = graphRooms.getLast();
        stack.stop("ingress-1");
        long failedBefore = stat("graph.handshakes.failed");
        register(room, false);
        eventually(room + " unsubscribed").until(() -> !liveAtGraph().contains(room));
        register(room, true);
        eventually("a failed handshake").until(() -> stat("graph.handshakes.failed") > failedBefore);

        stack.start("ingress-1");
        eventually(room + " subscribed again").until(() -> liveAtGraph().contains(room));
    }

    private static ConditionFactory eventually(String what) {
        return Awaitility.await(what).atMost(SOON).pollInterval(Duration.ofMillis(500));
    }

    /** Mailboxes with an ACTIVE Graph subscription at the simulator. */
    private List<String> liveAtGraph() {
        List<String> rooms = new ArrayList<>();
        for (JsonNode s : get(stack.exchangeSimulatorUrl().resolve("/sim/subscriptions")).path("graph")) {
            if (s.path("state").asString("").equals("ACTIVE")) {
                rooms.add(s.path("mailbox").asString("").toLowerCase(Locale.ROOT));
            }
        }
        return rooms;
    }

    private long stat(String name) {
        return get(stack.exchangeSimulatorUrl().resolve("/sim/stats")).path(name).asLong(0);
    }

    private int ingressSubscriptions() {
        Instance ingress = stack.topology().instance("ingress-1");
        return get(ingress.adminUrl().resolve("/actuator/health/readiness")).path("components").path("registry")
                .path("details").path("subscriptions").asInt(0);
    }

    /** Through the subscription service's admin API, as an operator would. */
    private void register(String address, boolean enabled) {
        URI api = stack.topology().instance("subscription-1").adminUrl().resolve("/api/mailboxes");
        String body = "{\"address\":\"" + address + "\",\"protocol\":\"GRAPH\",\"enabled\":" + enabled + "}";
        HttpResponse<String> response = send(HttpRequest.newBuilder(api).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + Instance.ADMIN_TOKEN).POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
    }

    private static JsonNode get(URI uri) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri).GET());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createObjectNode();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("request to " + request.build().uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
