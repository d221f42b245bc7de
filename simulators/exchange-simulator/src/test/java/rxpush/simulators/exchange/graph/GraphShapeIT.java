package rxpush.simulators.exchange.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import rxpush.simulators.exchange.ExchangeSimulator;
import rxpush.simulators.exchange.ExchangeSimulatorOptions;
import rxpush.simulators.exchange.PushReceiver;
import rxpush.simulators.exchange.calendar.BookingSpec;
import rxpush.simulators.exchange.calendar.ItemView;
import tools.jackson.databind.JsonNode;

/** The simulator's Graph notifications, captured on the wire, have the fields of real ones. */
class GraphShapeIT {

    @Test
    void changeAndLifecycleNotificationsMatchRealPayloads() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(ExchangeSimulatorOptions.defaults().mailboxes(1)
                .quietChanges().property("graph.duplicate-rate", "0"));
             PushReceiver receiver = new PushReceiver()) {
            receiver.answer(PushReceiver.Answer.graph(202));
            GraphClient graph = new GraphClient(sim);
            String room = sim.mailboxes().getFirst();
            GraphClient.Answer created = graph.post("/subscriptions", """
                    {"changeType":"created,updated,deleted","notificationUrl":"%s","lifecycleNotificationUrl":"%s",
                     "resource":"/users/%s/events","expirationDateTime":"%s","clientState":"foo"}"""
                    .formatted(receiver.url("/n"), receiver.url("/l"), sim.graphUserId(room),
                            sim.now().plus(Duration.ofDays(1))));
            assertThat(created.status()).isEqualTo(201);
            ItemView booking = sim.bookings().create(room, BookingSpec.random());
            sim.bookings().cancel(booking.ewsId());
            sim.graph().requireReauthorization(room, null);
            await().atMost(Duration.ofSeconds(10)).until(() -> values(receiver, "/n").size() == 3
                    && values(receiver, "/l").size() == 1);

            List<JsonNode> changes = values(receiver, "/n");
            JsonNode realCreated = fixture("capture-group-calendar-event-created.json").path("value").get(0);
            JsonNode realDeleted = fixture("capture-group-calendar-event-deleted.json").path("value").get(0);
            assertThat(changes).extracting(c -> c.path("changeType").asString())
                    .containsExactly("created", "updated", "deleted");
            assertThat(keys(changes.get(0))).isEqualTo(keys(realCreated));
            assertThat(keys(changes.get(0).path("resourceData"))).isEqualTo(keys(realCreated.path("resourceData")));
            assertThat(keys(changes.get(2))).isEqualTo(keys(realDeleted));
            assertThat(changes.get(0).path("resourceData").path("@odata.type").asString())
                    .isEqualTo(realCreated.path("resourceData").path("@odata.type").asString());
            assertThat(changes.get(0).path("subscriptionExpirationDateTime").asString()).endsWith("+00:00");

            JsonNode lifecycle = values(receiver, "/l").getFirst();
            JsonNode realLifecycle = fixture("msdocs-lifecycle-reauthorizationRequired.json").path("value").get(0);
            assertThat(keys(lifecycle)).containsExactlyInAnyOrderElementsOf(keys(realLifecycle));
            assertThat(keys(fixture("msdocs-lifecycle-missed.json").path("value").get(0)))
                    .containsExactlyInAnyOrderElementsOf(keys(lifecycle));
            assertThat(lifecycle.path("lifecycleEvent").asString()).isEqualTo("reauthorizationRequired");
        }
    }

    private static List<JsonNode> values(PushReceiver receiver, String path) {
        return receiver.received(path).stream().filter(r -> r.validationToken() == null)
                .flatMap(r -> GraphClient.JSON.readTree(r.body()).path("value").valueStream()).toList();
    }

    private static List<String> keys(JsonNode node) {
        return new ArrayList<>(node.propertyNames());
    }

    private static JsonNode fixture(String name) throws IOException {
        try (InputStream in = GraphShapeIT.class.getResourceAsStream("/fixtures/graph/" + name)) {
            return GraphClient.JSON.readTree(in);
        }
    }
}
