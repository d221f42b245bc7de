package rxpush.simulators.resourcexpress.bookings;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rxpush.simulators.resourcexpress.Bookings;
import rxpush.simulators.resourcexpress.ResourceXpressSimulator;
import rxpush.simulators.resourcexpress.RxClient;
import rxpush.simulators.resourcexpress.SimulatorOptions;

/** A simulator with a data file keeps bookings and Idempotency-Key answers across a restart. */
class PersistenceIT {

    @Test
    void bookingsAndKeysSurviveARestart(@TempDir Path dir) {
        SimulatorOptions options = SimulatorOptions.defaults().withDataFile(dir.resolve("rx.jsonl"));
        String kept = Bookings.json("bk-kept", "ck1", "2026-11-25T09:00:00Z");
        HttpResponse<String> created;
        try (ResourceXpressSimulator rx = ResourceXpressSimulator.start(options)) {
            RxClient client = new RxClient(rx);
            created = client.put("bk-kept", "k1", kept);
            client.put("bk-gone", "k2", Bookings.json("bk-gone", "ck1", "2026-11-25T09:00:00Z"));
            client.delete("bk-gone", "k3");
        }

        try (ResourceXpressSimulator rx = ResourceXpressSimulator.start(options)) {
            RxClient client = new RxClient(rx);
            HttpResponse<String> replay = client.put("bk-kept", "k1", kept);
            assertThat(replay.statusCode()).isEqualTo(201);
            assertThat(replay.body()).isEqualTo(created.body());
            assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
            assertThat(client.get("bk-kept").statusCode()).isEqualTo(200);
            assertThat(client.get("bk-gone").statusCode()).isEqualTo(404);
            assertThat(client.sim("GET", "/sim/bookings", null).body()).contains("bk-kept").doesNotContain("bk-gone");
            assertThat(rx.requests()).as("the request log is not persisted: only these three").hasSize(3);
        }
    }
}
