package rxpush.subscription.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import rxpush.common.config.EwsSettings;
import rxpush.common.contract.MailboxRegistration;
import rxpush.common.contract.Protocol;
import rxpush.common.exchange.EwsServiceFactory;
import rxpush.simulators.exchange.ExchangeSimulator;
import rxpush.simulators.exchange.ExchangeSimulatorOptions;
import rxpush.subscription.ews.EwsJavaApiClient;
import rxpush.testsupport.LoopbackHttp;
import rxpush.testsupport.LoopbackHttp.Answer;

/**
 * Exchange refusing one mailbox (a delegate subscription, impersonation outside the role's scope)
 * parks that mailbox with the fix in its status, retried once per maintenance pass rather than on the
 * transient back-off, while the other mailboxes subscribe; an operator resync retries it at once.
 */
class SimulatorEwsAccessIT {

    private static final Instant START = Instant.parse("2026-11-02T08:00:00Z");
    private static final String OK = """
            <?xml version="1.0" encoding="utf-8"?>
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
            <SendNotificationResult xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">
            <SubscriptionStatus>OK</SubscriptionStatus></SendNotificationResult></soap:Body></soap:Envelope>""";

    private ExchangeSimulator sim;
    private LoopbackHttp ingress;
    private ManualScheduler scheduler;
    private SubscriptionEngine engine;
    private final List<String> subscribeCalls = new ArrayList<>();

    private void start(boolean impersonation, String deniedImpersonation) {
        sim = ExchangeSimulator.start(ExchangeSimulatorOptions.defaults().mailboxes(2).clockStart(START)
                .ewsCredentials("svc-rxpush", "pw"));
        if (deniedImpersonation != null) {
            sim.access().denyEwsImpersonation(sim.mailboxes().get(1), true);
        }
        scheduler = new ManualScheduler(START);
        ingress = new LoopbackHttp(request -> Answer.xml(200, OK));
        EwsSettings settings = new EwsSettings(sim.ewsUrl(), "svc-rxpush", "pw", null, impersonation,
                Duration.ofMinutes(5), Duration.ofMinutes(5));
        EwsClient real = new EwsJavaApiClient(new EwsServiceFactory(settings, Duration.ofSeconds(10)));
        EwsClient counted = (mailbox, url, frequency, watermark) -> {
            synchronized (subscribeCalls) {
                subscribeCalls.add(mailbox);
            }
            return real.subscribe(mailbox, url, frequency, watermark);
        };
        EngineSettings engineSettings = new EngineSettings(
                token -> URI.create(ingress.url("/ews/notifications/" + token)), URI.create(ingress.url("/graph/notifications")),
                Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(10_070), Duration.ofMinutes(5035),
                Duration.ofMinutes(5), 4, 20, 20, Duration.ofDays(2), Duration.ofHours(1), Duration.ZERO,
                Duration.ofSeconds(10), a -> 0);
        engine = new SubscriptionEngine(engineSettings, scheduler, Runnable::run, counted, null);
        List<MailboxRegistration> registrations = new ArrayList<>();
        for (String m : sim.mailboxes()) {
            registrations.add(MailboxRegistration.of(m, Protocol.EWS, true, START));
        }
        engine.adopt(0, 1, new FakeStore(0), registrations, List.of());
        engine.start();
    }

    @AfterEach
    void stop() {
        sim.close();
        ingress.close();
    }

    private void run(Duration total) {
        for (Duration done = Duration.ZERO; done.compareTo(total) < 0; done = done.plusMinutes(1)) {
            sim.advance(Duration.ofMinutes(1));
            scheduler.advance(Duration.ofMinutes(1));
            assertThat(sim.awaitIdle(Duration.ofSeconds(10))).isTrue();
        }
    }

    private long calls(String mailbox) {
        synchronized (subscribeCalls) {
            return subscribeCalls.stream().filter(mailbox::equals).count();
        }
    }

    @Test
    void withoutImpersonationEveryRoomIsParkedNamingTheFixNeverRetriedInALoop() {
        start(false, null);
        run(Duration.ofMinutes(30));
        for (String room : sim.mailboxes()) {
            MailboxStatus status = engine.status(room).orElseThrow();
            assertThat(status.state()).isEqualTo("NONE");
            assertThat(status.parked()).contains("ErrorSubscriptionDelegateAccessNotSupported")
                    .contains("rxpush.ews.use-impersonation=true").contains("ApplicationImpersonation");
            assertThat(status.lastError()).isEqualTo(status.parked());
            // Once at adoption, then once per 5-minute maintenance pass: 7 at most in 30 minutes.
            assertThat(calls(room)).isBetween(2L, 7L);
        }
        assertThat(sim.ews().subscriptions()).isEmpty();
    }

    @Test
    void oneRoomOutsideTheImpersonationScopeIsParkedTheOtherSubscribesAndAResyncRetriesAtOnce() {
        start(true, "the second room");
        String roomA = sim.mailboxes().get(0);
        String roomB = sim.mailboxes().get(1);
        run(Duration.ofMinutes(3));

        assertThat(engine.status(roomA).orElseThrow().state()).isEqualTo("ACTIVE");
        assertThat(engine.status(roomA).orElseThrow().parked()).isNull();
        MailboxStatus b = engine.status(roomB).orElseThrow();
        assertThat(b.parked()).contains("ErrorImpersonateUserDenied").contains("ApplicationImpersonation");
        assertThat(b.nextActionAt()).isAfter(scheduler.now().plus(Duration.ofMinutes(1)));

        sim.access().denyEwsImpersonation(roomB, false);
        long before = calls(roomB);
        assertThat(engine.requestResync(roomB, "operator: impersonation scope fixed")).isPresent();
        run(Duration.ofMinutes(1));
        assertThat(calls(roomB)).isEqualTo(before + 1);
        assertThat(engine.status(roomB).orElseThrow().state()).isEqualTo("ACTIVE");
        assertThat(engine.status(roomB).orElseThrow().parked()).isNull();
    }
}
