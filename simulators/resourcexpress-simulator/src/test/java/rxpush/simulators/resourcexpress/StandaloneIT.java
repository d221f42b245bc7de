package rxpush.simulators.resourcexpress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The application path (main): its own config file, the demo key, and a clear stop on bad settings. */
class StandaloneIT {

    @Test
    void startsFromItsOwnConfigFileWithTheDemoKey() throws Exception {
        try (ConfigurableApplicationContext context = RxSimulatorApplication.run(Clock.systemUTC(), "--server.port=0")) {
            String port = context.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/push/v1/health"))
                            .header("X-Api-Key", "rx-demo-key").build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(context.getEnvironment().getProperty("spring.application.name"))
                    .isEqualTo("resourcexpress-simulator");
        }
    }

    @Test
    void aBadSettingStopsStartUpNamingIt() {
        assertThatThrownBy(() -> RxSimulatorApplication.run(Clock.systemUTC(), "--server.port=0",
                "--rxpush.rx-simulator.api-key= "))
                .rootCause().hasMessageContaining("apiKey");
        assertThatThrownBy(() -> RxSimulatorApplication.run(Clock.systemUTC(), "--server.port=0",
                "--rxpush.rx-simulator.faults.throttle-rate=2"))
                .rootCause().hasMessageContaining("throttleRate must be between 0 and 1");
    }

    @Test
    void initialFaultsComeFromProperties() {
        try (ResourceXpressSimulator rx = ResourceXpressSimulator.start(SimulatorOptions.defaults()
                .withProperty("rxpush.rx-simulator.faults.throttle-rate", "0.25")
                .withProperty("rxpush.rx-simulator.faults.latency", "50ms")
                .withSeed(3))) {
            assertThat(rx.faults().current().throttleRate()).isEqualTo(0.25);
            assertThat(rx.faults().current().latency()).hasMillis(50);
            assertThat(rx.faults().current().seed()).isEqualTo(3);
        }
    }

    @Test
    void twoSimulatorsShareAJvmWithoutSharingState() {
        try (ResourceXpressSimulator a = ResourceXpressSimulator.start(SimulatorOptions.defaults().withSeed(5));
                ResourceXpressSimulator b = ResourceXpressSimulator.start(SimulatorOptions.defaults().withSeed(5))) {
            a.faults().serverErrors(0.5);
            b.faults().serverErrors(0.5);
            RxClient clientA = new RxClient(a);
            RxClient clientB = new RxClient(b);

            assertThat(clientA.put("bk-a", "k", Bookings.json("bk-a", "ck1", "2026-11-25T09:00:00Z")).statusCode())
                    .isIn(201, 500);
            List<Integer> statusesA = IntStream.range(0, 12).mapToObj(i -> clientA.health().statusCode()).toList();
            clientB.health();
            List<Integer> statusesB = IntStream.range(0, 12).mapToObj(i -> clientB.health().statusCode()).toList();

            assertThat(a.port()).isNotEqualTo(b.port());
            assertThat(a.apiKey()).isNotEqualTo(b.apiKey());
            assertThat(b.bookings()).isEmpty();
            assertThat(b.requests()).hasSize(13);
            assertThat(statusesB).as("same seed, same request numbers, same faults").isEqualTo(statusesA);
        }
    }
}
