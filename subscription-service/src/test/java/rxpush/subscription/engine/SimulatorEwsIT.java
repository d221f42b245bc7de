package rxpush.subscription.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rxpush.common.config.EwsSettings;
import rxpush.common.contract.ChangeType;
import rxpush.common.contract.MailboxRegistration;
import rxpush.common.contract.SecretHash;
import rxpush.common.contract.SubscriptionState;
import rxpush.common.contract.SubscriptionStatus;
import rxpush.common.exchange.EwsServiceFactory;
import rxpush.simulators.exchange.ExchangeSimulator;
import rxpush.simulators.exchange.ExchangeSimulatorOptions;
import rxpush.simulators.exchange.control.Faults;
import rxpush.simulators.exchange.ews.EwsPush;
import rxpush.subscription.ews.EwsJavaApiClient;
import rxpush.testsupport.LoopbackHttp;
import rxpush.testsupport.LoopbackHttp.Answer;

/**
 * The engine with the real ews-java-api client against the exchange simulator, whose pushes reach a
 * minimal stand-in for ingress (StatusEvents become STATUS signals; an obsolete or unknown token is
 * answered Unsubscribe). Both clocks are manual and move together, a minute at a time.
 */
class SimulatorEwsIT {

    private static final Instant START = Instant.parse("2026-11-02T08:00:00Z");
    private static final Pattern SUBSCRIPTION = Pattern.compile("<(?:\\w+:)?SubscriptionId>([^<]+)<");
    private static final Pattern WATERMARK = Pattern.compile("<(?:\\w+:)?Watermark>([^<]+)<");
    private static final Pattern PREVIOUS = Pattern.compile("<(?:\\w+:)?PreviousWatermark>([^<]+)<");
    private static final String ANSWER = """
            <?xml version="1.0" encoding="utf-8"?>
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
            <SendNotificationResult xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">
            <SubscriptionStatus>%s</SubscriptionStatus></SendNotificationResult></soap:Body></soap:Envelope>""";

    private ExchangeSimulator sim;
    private LoopbackHttp ingress;
    private ManualScheduler scheduler;
    private FakeStore store;
    private SubscriptionEngine engine;
    private final List<Instant> subscribeCalls = new ArrayList<>();
    private final Set<String> seenSubscriptions = ConcurrentHashMap.newKeySet();
    /**
     * When set, the first push of every subscription not seen before is lost on the way (Exchange
     * counts it delivered, nothing reaches the engine), like the simulator's dropPushRate fault.
     */
    private volatile boolean loseFirstPushes;
    private final Set<String> lostFirstPushes = ConcurrentHashMap.newKeySet();
    private String room;

    @BeforeEach
    void start() {
        sim = ExchangeSimulator.start(ExchangeSimulatorOptions.defaults().mailboxes(2).clockStart(START)
                .ewsCredentials("svc-rxpush", "pw").requireImpersonation(true));
        room = sim.mailboxes().get(0);
        scheduler = new ManualScheduler(START);
        store = new FakeStore(0);
        ingress = new LoopbackHttp(this::push);
        EwsSettings settings = new EwsSettings(sim.ewsUrl(), "svc-rxpush", "pw", null, true, Duration.ofMinutes(5),
                Duration.ofMinutes(5));
        EwsClient real = new EwsJavaApiClient(new EwsServiceFactory(settings, Duration.ofSeconds(10)));
        EwsClient counted = (mailbox, url, frequency, watermark) -> {
            subscribeCalls.add(scheduler.now());
            return real.subscribe(mailbox, url, frequency, watermark);
        };
        EngineSettings engineSettings = new EngineSettings(
                token -> URI.create(ingress.url("/ews/notifications/" + token)), URI.create(ingress.url("/graph/notifications")),
                Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(10_070), Duration.ofMinutes(5035),
                Duration.ofMinutes(5), 4, 20, 20, Duration.ofDays(2), Duration.ofHours(1), Duration.ZERO,
                Duration.ofSeconds(10), a -> 0);
        engine = new SubscriptionEngine(engineSettings, scheduler, Runnable::run, counted, null);
    }

    @AfterEach
    void stop() {
        sim.close();
        ingress.close();
    }

    /** What ingress does with a push, reduced to what the subscription service needs. */
    private Answer push(LoopbackHttp.Request request) {
        String token = request.path().substring(request.path().lastIndexOf('/') + 1);
        List<SubscriptionState> states;
        synchronized (store) {
            // The engine writes the registry while Exchange pushes (its first StatusEvent races the ACTIVE write).
            states = List.copyOf(store.registry.values());
        }
        SubscriptionState state = states.stream()
                .filter(s -> SecretHash.hash(token).equals(s.ingressTokenHash())).findFirst().orElse(null);
        if (state == null || state.status() == SubscriptionStatus.OBSOLETE) {
            return Answer.xml(200, ANSWER.formatted("Unsubscribe"));
        }
        Matcher id = SUBSCRIPTION.matcher(request.body());
        String watermark = null;
        Matcher wm = WATERMARK.matcher(request.body());
        while (wm.find()) {
            watermark = wm.group(1);
        }
        if (!id.find()) {
            return Answer.xml(200, ANSWER.formatted("OK"));
        }
        String subscriptionId = id.group(1);
        if (seenSubscriptions.add(subscriptionId) && loseFirstPushes) {
            lostFirstPushes.add(subscriptionId);
        } else {
            Matcher previous = PREVIOUS.matcher(request.body());
            engine.signal(0, EngineFixture.push(state.mailbox(), subscriptionId,
                    previous.find() ? previous.group(1) : null, watermark, scheduler.now()));
        }
        return Answer.xml(200, ANSWER.formatted("OK"));
    }

    /**
     * A minute at a time: Exchange's clock (which returns once its pushes are answered), then the
     * engine's. Each step ends with the simulator idle again, because an engine action in the second
     * half (a Subscribe) starts simulator work, the new subscription's first StatusEvent: left running,
     * it would land after the step, in the middle of what the test does next.
     */
    private void run(Duration total) {
        for (Duration done = Duration.ZERO; done.compareTo(total) < 0; done = done.plusMinutes(1)) {
            sim.advance(Duration.ofMinutes(1));
            scheduler.advance(Duration.ofMinutes(1));
            assertThat(sim.awaitIdle(Duration.ofSeconds(10))).as("simulator idle after the step").isTrue();
        }
    }

    private void adopt(String... mailboxes) {
        List<MailboxRegistration> registrations = new ArrayList<>();
        for (String m : mailboxes) {
            registrations.add(MailboxRegistration.of(m, rxpush.common.contract.Protocol.EWS, true, START));
        }
        engine.adopt(0, 1, store, registrations, List.of());
        engine.start();
    }

    private List<EwsPush.SubscriptionView> activeAtExchange(String mailbox) {
        return sim.ews().subscriptions().stream()
                .filter(s -> s.mailbox().equalsIgnoreCase(mailbox) && s.state().equals("ACTIVE")).toList();
    }

    /**
     * The registry's ACTIVE subscription is alive at Exchange, and any other subscription Exchange still
     * pushes for is one ingress refuses (OBSOLETE or unknown): it is dropped at its next push.
     */
    private void assertOnlyTheCurrentOneIsServed() {
        SubscriptionState current = store.active(room).orElseThrow();
        assertThat(activeAtExchange(room)).extracting(EwsPush.SubscriptionView::id).contains(current.subscriptionId());
        for (EwsPush.SubscriptionView other : activeAtExchange(room)) {
            if (!other.id().equals(current.subscriptionId())) {
                assertThat(store.registry.values()).filteredOn(s -> other.id().equals(s.subscriptionId()))
                        .allSatisfy(s -> assertThat(s.status()).isEqualTo(SubscriptionStatus.OBSOLETE));
            }
        }
        assertThat(store.withStatus(room, SubscriptionStatus.ACTIVE)).hasSize(1);
    }

    @Test
    void subscribesAndStatusEventsKeepTheSubscriptionAlive() {
        adopt(room, sim.mailboxes().get(1));
        run(Duration.ofMinutes(30));

        assertThat(activeAtExchange(room)).singleElement().satisfies(s -> {
            assertThat(s.statusFrequencyMinutes()).isEqualTo(5);
            assertThat(s.url()).startsWith(ingress.url("/ews/notifications/"));
        });
        SubscriptionState active = store.active(room).orElseThrow();
        assertThat(active.ingressTokenHash()).isEqualTo(SecretHash.hash(
                activeAtExchange(room).get(0).url().replaceAll(".*/", "")));
        assertThat(engine.status(room).orElseThrow().lastHeartbeatAt()).isAfter(START.plus(Duration.ofMinutes(20)));
        assertThat(subscribeCalls).hasSize(2);
    }

    @Test
    void aSilentlyDeadSubscriptionIsReplacedFromItsWatermark() {
        adopt(room);
        run(Duration.ofMinutes(30));
        SubscriptionState first = store.active(room).orElseThrow();
        sim.ews().killSilently(room);

        run(Duration.ofMinutes(20));

        SubscriptionState second = store.active(room).orElseThrow();
        assertThat(second.subscriptionId()).isNotEqualTo(first.subscriptionId());
        assertThat(store.registry.get(first.id()).status()).isEqualTo(SubscriptionStatus.OBSOLETE);
        assertOnlyTheCurrentOneIsServed();
        assertThat(store.resyncs).as("resumed from the watermark").isEmpty();
        assertThat(sim.stats().count("ews.Subscribe.invalidWatermark")).isZero();
    }

    @Test
    void aLostFirstPushOfTheReplacementRequestsAResync() {
        adopt(room);
        run(Duration.ofMinutes(30));
        SubscriptionState first = store.active(room).orElseThrow();
        loseFirstPushes = true;
        sim.ews().killSilently(room);

        run(Duration.ofMinutes(20));

        SubscriptionState second = store.active(room).orElseThrow();
        assertThat(second.subscriptionId()).isNotEqualTo(first.subscriptionId());
        assertThat(lostFirstPushes).containsExactly(second.subscriptionId());
        assertThat(store.resyncs).singleElement().satisfies(r -> assertThat(r.reason()).isEqualTo(FirstPush.GAP_REASON));
        assertOnlyTheCurrentOneIsServed();
    }

    @Test
    void anInvalidWatermarkMeansAFreshSubscriptionAndAResync() {
        adopt(room);
        run(Duration.ofMinutes(10));
        SubscriptionState first = store.active(room).orElseThrow();
        // A watermark Exchange never issued (as after a mailbox database restore).
        engine.signal(0, EngineFixture.signal(ChangeType.STATUS, room, first.subscriptionId(), "AQAAAbogus", scheduler.now()));
        sim.ews().killSilently(room);

        run(Duration.ofMinutes(20));

        assertThat(sim.stats().count("ews.Subscribe.invalidWatermark")).isEqualTo(1);
        assertThat(store.active(room).orElseThrow().subscriptionId()).isNotEqualTo(first.subscriptionId());
        assertThat(store.resyncs).singleElement().satisfies(r -> assertThat(r.mailbox()).isEqualTo(room.toLowerCase()));
        assertOnlyTheCurrentOneIsServed();
    }

    @Test
    void missedEventsReplaceTheSubscription() {
        adopt(room);
        run(Duration.ofMinutes(10));
        SubscriptionState first = store.active(room).orElseThrow();
        engine.signal(0, EngineFixture.signal(ChangeType.MISSED, room, first.subscriptionId(), null, scheduler.now()));
        run(Duration.ofMinutes(6));

        assertThat(store.active(room).orElseThrow().subscriptionId()).isNotEqualTo(first.subscriptionId());
        assertThat(activeAtExchange(room)).as("the old one was unsubscribed at its next push").hasSize(1);
    }

    @Test
    void serverBusyIsHonoured() {
        sim.faults().update(new Faults.State(1.0, Duration.ofSeconds(90), null, null, null, null));
        adopt(room);
        assertThat(subscribeCalls).hasSize(1);
        assertThat(store.active(room)).isEmpty();
        scheduler.advance(Duration.ofSeconds(80));
        assertThat(subscribeCalls).as("nothing before BackOffMilliseconds").hasSize(1);

        sim.faults().update(new Faults.State(0.0, null, null, null, null, null));
        scheduler.advance(Duration.ofSeconds(11));
        assertThat(subscribeCalls).hasSize(2);
        assertThat(subscribeCalls.get(1)).isAfterOrEqualTo(START.plusSeconds(90));
        assertThat(store.active(room)).isPresent();
    }
}
