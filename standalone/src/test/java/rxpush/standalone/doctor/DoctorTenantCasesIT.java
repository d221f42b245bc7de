package rxpush.standalone.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rxpush.common.config.GraphSettings;
import rxpush.common.exchange.GraphHttp;
import rxpush.common.exchange.GraphTokenProvider;
import rxpush.simulators.exchange.ExchangeSimulator;
import rxpush.simulators.exchange.ExchangeSimulatorOptions;
import rxpush.standalone.doctor.CheckResult.Status;
import rxpush.testsupport.LoopbackHttp;
import rxpush.testsupport.TestCertificates;

/**
 * doctor against a tenant that allows certificate credentials only and whose application access
 * policy does not cover every room yet: the token, a real subscription create/delete per room, and
 * one line with the fix for the room outside the policy.
 */
class DoctorTenantCasesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void aCertificateCredentialWorksEndToEndAndARoomOutsideThePolicyFailsWithTheFix(@TempDir Path dir)
            throws Exception {
        Path p12 = TestCertificates.selfSigned(dir, "app", "rx-push app", null);
        Path pem = Files.writeString(dir.resolve("app.pem"), TestCertificates.certificatePem(p12));
        // Ingress's part of Graph's validation handshake: echo the validationToken as text/plain.
        try (LoopbackHttp ingress = new LoopbackHttp(r -> new LoopbackHttp.Answer(200, "text/plain",
                java.net.URLDecoder.decode(r.path().replaceFirst(".*validationToken=", ""),
                        java.nio.charset.StandardCharsets.UTF_8), java.util.Map.of()));
             ExchangeSimulator exchange = ExchangeSimulator.start(ExchangeSimulatorOptions.defaults().mailboxes(2)
                .graphCertificate(pem))) {
            String inside = exchange.mailboxes().get(0);
            String outside = exchange.mailboxes().get(1);
            exchange.access().denyGraph(outside, true);
            URI base = exchange.graphBaseUrl();
            GraphSettings settings = new GraphSettings(base, exchange.tokenUrl(), exchange.tenantId(),
                    exchange.clientId(), null, URI.create("https://login.microsoftonline.com"), p12,
                    TestCertificates.PASSWORD, null, false);
            HttpClient http = HttpClient.newHttpClient();
            GraphTokenProvider tokens = new GraphTokenProvider(settings, http, Clock.systemUTC(), TIMEOUT);
            List<CheckResult> results = new GraphMailboxCheck(settings, tokens,
                    new GraphHttp(settings, http, tokens, Clock.systemUTC(), TIMEOUT), List.of(inside, outside),
                    URI.create(ingress.url(""))).run();

            assertThat(results).hasSize(3);
            assertThat(results.get(0).status()).isEqualTo(Status.PASS);
            assertThat(results.get(0).what()).contains("certificate");
            assertThat(results.get(1).status()).isEqualTo(Status.PASS);
            assertThat(results.get(1).what()).contains(inside).contains("subscription created and deleted");
            assertThat(results.get(2).status()).isEqualTo(Status.FAIL);
            assertThat(results.get(2).what()).contains(outside).contains("403");
            assertThat(results.get(2).fix()).contains("Test-ApplicationAccessPolicy").contains("Calendars.Read");
            assertThat(exchange.graph().subscriptions()).as("the doctor's subscription was deleted")
                    .singleElement().satisfies(sub -> assertThat(sub.state()).isEqualTo("DELETED"));
            assertThat(String.join("\n", results.stream().map(CheckResult::line).toList()))
                    .doesNotContain(TestCertificates.PASSWORD);
        }
    }
}
