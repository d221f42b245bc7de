package rxpush.standalone.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rxpush.simulators.resourcexpress.ResourceXpressSimulator;
import rxpush.standalone.doctor.CheckResult.Status;

/** doctor's ResourceXpress check against the ResourceXpress simulator, and each failure it detects. */
class DoctorAgainstResourceXpressSimulatorIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static ResourceXpressSimulator rx;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        rx = ResourceXpressSimulator.start();
    }

    @AfterAll
    static void stop() {
        rx.close();
    }

    @BeforeEach
    void reset() {
        rx.reset();
        rx.faults().clear();
    }

    private CheckResult check(String apiKey) {
        return new ResourceXpressCheck(URI.create(rx.baseUrl()), apiKey, http, TIMEOUT).run().get(0);
    }

    @Test
    void theRightKeyPasses() {
        assertThat(check(rx.apiKey()).status()).isEqualTo(Status.PASS);
    }

    @Test
    void aWrongKeyFailsWithTheWebConfigHint() {
        CheckResult result = check("not-the-key");
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.what()).contains("rejected the ApiKey (HTTP 401)");
        assertThat(result.fix()).contains("ApiKey in RX web.config");
    }

    @Test
    void resourceXpressRejectingEveryKeyFails() {
        rx.faults().rejectApiKey(true);
        assertThat(check(rx.apiKey()).what()).contains("rejected the ApiKey");
    }

    @Test
    void resourceXpressDownFails() {
        rx.faults().down(Duration.ofMinutes(5));
        CheckResult result = check(rx.apiKey());
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.what()).contains("HTTP 503");
    }
}
