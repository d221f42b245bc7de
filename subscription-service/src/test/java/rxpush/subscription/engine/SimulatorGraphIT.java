package rxpush.subscription.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rxpush.common.config.GraphSettings;
import rxpush.common.contract.LifecycleEvent;
import rxpush.common.contract.LifecycleNotification;
import rxpush.common.contract.MailboxRegistration;
import rxpush.common.contract.Protocol;
import rxpush.common.contract.SchemaVersions;
import rxpush.common.contract.SecretHash;
import rxpush.common.contract.SubscriptionState;
import rxpush.common.contract.SubscriptionStatus;
import rxpush.common.exchange.GraphHttp;
import rxpush.common.exchange.GraphTokenProvider;
import rxpush.common.kafka.ContractJson;
import rxpush.simulators.exchange.ExchangeSimulator;
import rxpush.simulators.exchange.ExchangeSimulatorOptions;
import rxpush.simulators.exchange.control.Faults;
import rxpush.simulators.exchange.graph.GraphSubscriptions;
import rxpush.subscription.graph.GraphHttpClient;
import rxpush.testsupport.LoopbackHttp;
import rxpush.testsupport.LoopbackHttp.Answer;
import tools.jackson.databind.JsonNode;

/**
 * The engine with the real Graph client against the exchange simulator's Graph: the validation
 * handshake, renewals before expiry, 404 on renewal, each lifecycle event (delivered by the simulator
 * to a minimal stand-in for ingress that checks the clientState), and 429 with Retry-After. Both clocks
 * are manual and move together.
 */
class SimulatorGraphIT {

    private static final Instant START = Instant.parse("2026-11-02T08:00:00Z");

    private ExchangeSimulator sim;
    private LoopbackHttp ingress;
    private ManualScheduler scheduler;
    private FakeStore store;
    private SubscriptionEngine engine;
    private GraphHttpClient client;
    private String room;
    private final ConcurrentLinkedQueue<LifecycleNotification> lifecycle = new ConcurrentLinkedQueue<>();
    private final List<String> rejectedClientStates = new ArrayList<>();

    @BeforeEach
    void start() {
        sim = ExchangeSimulator.start(ExchangeSimulatorOptions.defaults().mailboxes(2).clockStart(START));
        room = sim.mailboxes().get(0).toLowerCase();
        scheduler = new ManualScheduler(START);
        store = new FakeStore(0);
        ingress = new LoopbackHttp(this::receive);
        GraphSettings settings = new GraphSettings(sim.graphBaseUrl(), sim.tokenUrl(), sim.tenantId(), sim.clientId(),
                sim.clientSecret());
        HttpClient http = HttpClient.newHttpClient();
        client = new GraphHttpClient(new GraphHttp(settings, http,
                new GraphTokenProvider(settings, http, scheduler.clock(), Duration.ofSeconds(10)), scheduler.clock(),
                Duration.ofSeconds(10)), URI.create(ingress.url("/graph/notifications")),
                URI.create(ingress.url("/graph/lifecycle")));
        EngineSettings engineSettings = new EngineSettings(
                token -> URI.create(ingress.url("/ews/notifications/" + token)), URI.create(ingress.url("/graph/notifications")),
                Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(10_070), Duration.ofMinutes(5035),
                Duration.ofMinutes(5), 4, 20, 20, Duration.ofDays(2), Duration.ofHours(1), Duration.ofHours(1),
                Duration.ofSeconds(10), a -> 0);
        engine = new SubscriptionEngine(engineSettings, scheduler, Runnable::run, null, client);
    }

    @AfterEach
    void stop() {
        sim.close();
        ingress.close();
    }

    /** Ingress in miniature: validation handshake, lifecycle notifications checked by clientState. */
    private Answer receive(LoopbackHttp.Request request) {
        int query = request.path().indexOf("validationToken=");
        if (query >= 0) {
            String token = URLDecoder.decode(request.path().substring(query + "validationToken=".length()), StandardCharsets.UTF_8);
            return new Answer(200, "text/plain", token, java.util.Map.of());
        }
        if (request.path().startsWith("/graph/lifecycle")) {
            List<SubscriptionState> states;
            synchronized (store) {
                states = List.copyOf(store.registry.values());
            }
            for (JsonNode item : ContractJson.mapper().readTree(request.body()).path("value")) {
                String subscriptionId = item.path("subscriptionId").asString();
                String clientState = item.path("clientState").asString();
                SubscriptionState state = states.stream().filter(s -> subscriptionId.equals(s.subscriptionId()))
                        .findFirst().orElse(null);
                if (state == null || !SecretHash.matches(clientState, state.clientStateHash())) {
                    rejectedClientStates.add(subscriptionId);
                    continue;
                }
                // Handed to the test thread: acting here would block this server's only thread while
                // Graph validates a new subscription's URL against it.
                lifecycle.add(new LifecycleNotification(SchemaVersions.CURRENT,
                        item.path("id").asString(subscriptionId + "-" + item.path("lifecycleEvent").asString()),
                        state.mailbox(), subscriptionId, LifecycleEvent.fromGraph(item.path("lifecycleEvent").asString()),
                        null, scheduler.now()));
            }
        }
        return new Answer(202, "application/json", "", java.util.Map.of());
    }

    private void run(Duration total, Duration step) {
        for (Duration done = Duration.ZERO; done.compareTo(total) < 0; done = done.plus(step)) {
            sim.advance(step);
            sim.awaitIdle(Duration.ofSeconds(10));
            for (LifecycleNotification n; (n = lifecycle.poll()) != null; ) {
                engine.lifecycle(0, n);
            }
            scheduler.advance(step);
        }
    }

    private void adopt(String... mailboxes) {
        List<MailboxRegistration> registrations = new ArrayList<>();
        for (String m : mailboxes) {
            registrations.add(MailboxRegistration.of(m, Protocol.GRAPH, true, START));
        }
        engine.adopt(0, 1, store, registrations, List.of());
        engine.start();
    }

    private List<GraphSubscriptions.SubscriptionView> liveAtGraph(String mailbox) {
        return sim.graph().subscriptions().stream()
                .filter(s -> s.mailbox().equalsIgnoreCase(mailbox) && s.state().equals("ACTIVE")).toList();
    }

    private SubscriptionState active() {
        return store.active(room).orElseThrow();
    }

    @Test
    void subscribesThroughTheValidationHandshake() {
        adopt(room, sim.mailboxes().get(1).toLowerCase());
        assertThat(liveAtGraph(room)).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(active().subscriptionId());
            // a secret token per subscription ends both URLs (ingress refuses other paths unread)
            assertThat(s.notificationUrl()).startsWith(ingress.url("/graph/notifications/"));
            String token = s.notificationUrl().substring(ingress.url("/graph/notifications/").length());
            assertThat(token).matches("[A-Za-z0-9_-]{43}");
            assertThat(s.lifecycleNotificationUrl()).isEqualTo(ingress.url("/graph/lifecycle/" + token));
            assertThat(s.changeType()).isEqualTo("created,updated,deleted");
            assertThat(s.expirationDateTime()).isEqualTo(START.plus(Duration.ofMinutes(10_070)));
        });
        assertThat(store.active(sim.mailboxes().get(1).toLowerCase())).isPresent();
    }

    @Test
    void renewalKeepsTheSameSubscriptionAliveForWeeks() {
        adopt(room);
        String id = active().subscriptionId();
        run(Duration.ofDays(15), Duration.ofMinutes(30));

        assertThat(liveAtGraph(room)).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(id);
            assertThat(s.expirationDateTime()).isAfter(sim.now().plus(Duration.ofDays(3)));
        });
        assertThat(store.resyncs).isEmpty();
    }

    @Test
    void aSubscriptionGoneAtRenewalIsRecreatedWithAResync() {
        adopt(room);
        String id = active().subscriptionId();
        sim.graph().killSilently(room);
        run(Duration.ofDays(4), Duration.ofMinutes(30));

        assertThat(active().subscriptionId()).isNotEqualTo(id);
        assertThat(liveAtGraph(room)).singleElement().satisfies(s -> assertThat(s.id()).isEqualTo(active().subscriptionId()));
        assertThat(store.resyncs).hasSize(1);
    }

    @Test
    void subscriptionRemovedIsRecreatedWithAResync() {
        adopt(room);
        String id = active().subscriptionId();
        sim.graph().remove(room, id);
        run(Duration.ofMinutes(5), Duration.ofMinutes(1));

        assertThat(active().subscriptionId()).isNotEqualTo(id);
        assertThat(liveAtGraph(room)).hasSize(1);
        assertThat(store.resyncs).hasSize(1);
        assertThat(rejectedClientStates).isEmpty();
    }

    @Test
    void reauthorizationRequiredRenewsAndMissedResyncs() {
        adopt(room);
        String id = active().subscriptionId();
        run(Duration.ofHours(2), Duration.ofMinutes(10));
        Instant before = liveAtGraph(room).get(0).expirationDateTime();

        sim.graph().requireReauthorization(room, id);
        run(Duration.ofMinutes(5), Duration.ofMinutes(1));
        assertThat(liveAtGraph(room)).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(id);
            assertThat(s.expirationDateTime()).isAfter(before);
        });

        sim.graph().missed(room, id);
        run(Duration.ofMinutes(5), Duration.ofMinutes(1));
        assertThat(store.resyncs).extracting(r -> r.reason()).as("the paused time re-read after the renewal, then the missed")
                .satisfiesExactly(r -> assertThat(r).contains("reauthorized"), r -> assertThat(r).contains("missed"));
        assertThat(active().subscriptionId()).isEqualTo(id);
    }

    @Test
    void throttlingWaitsForRetryAfter() {
        sim.faults().update(new Faults.State(null, null, 1.0, Duration.ofSeconds(120), null, null));
        adopt(room);
        assertThat(store.active(room)).isEmpty();
        scheduler.advance(Duration.ofSeconds(110));
        assertThat(store.active(room)).isEmpty();
        assertThat(engine.summary().pausedUntil()).containsKey(Protocol.GRAPH);

        sim.faults().update(new Faults.State(null, null, 0.0, null, null, null));
        scheduler.advance(Duration.ofSeconds(15));
        assertThat(store.active(room)).isPresent();
        assertThat(liveAtGraph(room)).hasSize(1);
    }

    @Test
    void theOrphanSweepDeletesOurSubscriptionsTheRegistryDoesNotHold() throws Exception {
        adopt(room);
        String keep = active().subscriptionId();
        // Ours (our notification URL) but unknown to the registry: left by a crash between Graph's answer
        // and the ACTIVE write, or by a mailbox removed while rx-push was down.
        String other = sim.mailboxes().get(1).toLowerCase();
        String orphan = client.create(other, SecretHash.newSecret(), "url-token", scheduler.now().plus(Duration.ofDays(1))).id();
        assertThat(liveAtGraph(other)).hasSize(1);

        engine.runMaintenance();

        assertThat(liveAtGraph(other)).as("orphan %s deleted", orphan).isEmpty();
        assertThat(liveAtGraph(room)).extracting(GraphSubscriptions.SubscriptionView::id).containsExactly(keep);
    }
}
