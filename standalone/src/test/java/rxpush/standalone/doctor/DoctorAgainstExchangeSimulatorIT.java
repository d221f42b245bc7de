package rxpush.standalone.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rxpush.common.config.EwsSettings;
import rxpush.common.config.GraphSettings;
import rxpush.common.exchange.GraphHttp;
import rxpush.common.exchange.GraphTokenProvider;
import rxpush.simulators.exchange.ExchangeSimulator;
import rxpush.simulators.exchange.ExchangeSimulatorOptions;
import rxpush.standalone.doctor.CheckResult.Status;

/** doctor's EWS and Graph checks against the Exchange simulator, and each failure they detect. */
class DoctorAgainstExchangeSimulatorIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static ExchangeSimulator exchange;

    @BeforeAll
    static void start() {
        exchange = ExchangeSimulator.start(ExchangeSimulatorOptions.defaults().mailboxes(2)
                .ewsCredentials("svc-rxpush", "secret").requireImpersonation(true));
    }

    @AfterAll
    static void stop() {
        exchange.close();
    }

    private static EwsSettings ews(String password, boolean impersonation) {
        return new EwsSettings(exchange.ewsUrl(), "svc-rxpush", password, null, impersonation,
                Duration.ofMinutes(5), Duration.ofMinutes(5));
    }

    @Test
    void ewsWithImpersonationPassesForEveryMailbox() {
        List<CheckResult> results = new EwsMailboxCheck(ews("secret", true), exchange.mailboxes(), TIMEOUT).run();
        assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.PASS));
    }

    @Test
    void ewsWithoutImpersonationIsRefusedAndTheFixNamesTheSetting() {
        List<CheckResult> results = new EwsMailboxCheck(ews("secret", false), exchange.mailboxes(), TIMEOUT).run();
        assertThat(results.get(0).status()).isEqualTo(Status.WARN);
        assertThat(results.get(0).fix()).contains("rxpush.ews.use-impersonation=true");
        assertThat(results.subList(1, results.size())).hasSize(2).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(Status.FAIL);
            assertThat(r.fix()).contains("ApplicationImpersonation");
        });
    }

    @Test
    void aWrongEwsPasswordFails() {
        List<CheckResult> results = new EwsMailboxCheck(ews("wrong", true), exchange.mailboxes().subList(0, 1), TIMEOUT).run();
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.FAIL);
            assertThat(r.line()).doesNotContain("wrong");
        });
    }

    private static GraphMailboxCheck graph(String secret, List<String> mailboxes) {
        GraphSettings settings = new GraphSettings(exchange.graphBaseUrl(), exchange.tokenUrl(), exchange.tenantId(),
                exchange.clientId(), secret);
        HttpClient http = HttpClient.newHttpClient();
        GraphTokenProvider tokens = new GraphTokenProvider(settings, http, Clock.systemUTC(), TIMEOUT);
        return new GraphMailboxCheck(settings, tokens, new GraphHttp(settings, http, tokens, Clock.systemUTC(), TIMEOUT), mailboxes);
    }

    @Test
    void graphTokenAndCalendarsPass() {
        List<CheckResult> results = graph(exchange.clientSecret(), exchange.mailboxes()).run();
        assertThat(results).extracting(CheckResult::status).containsOnly(Status.PASS).hasSize(3);
    }

    @Test
    void aWrongClientSecretFailsWithoutPrintingIt() {
        List<CheckResult> results = graph("not-the-secret", exchange.mailboxes()).run();
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.FAIL);
            assertThat(r.what()).startsWith("no Graph token");
            assertThat(r.line()).doesNotContain("not-the-secret");
        });
    }

    @Test
    void aMailboxGraphDoesNotKnowFails() {
        List<CheckResult> results = graph(exchange.clientSecret(), List.of("nobody@contoso.com")).run();
        assertThat(results.get(1).status()).isEqualTo(Status.FAIL);
    }

    @Test
    void anUnreachableEwsUrlFails() {
        EwsSettings nowhere = new EwsSettings(URI.create("http://127.0.0.1:1/EWS/Exchange.asmx"), "svc-rxpush", "secret", null,
                true, Duration.ofMinutes(5), Duration.ofMinutes(5));
        assertThat(new EwsMailboxCheck(nowhere, exchange.mailboxes().subList(0, 1), TIMEOUT).run())
                .singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(Status.FAIL));
    }
}
