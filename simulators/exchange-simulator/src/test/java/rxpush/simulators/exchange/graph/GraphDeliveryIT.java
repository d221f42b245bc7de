package rxpush.simulators.exchange.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import rxpush.simulators.exchange.ExchangeSimulator;
import rxpush.simulators.exchange.ExchangeSimulatorOptions;
import rxpush.simulators.exchange.PushReceiver;
import rxpush.simulators.exchange.calendar.BookingSpec;
import tools.jackson.databind.JsonNode;

/** How Graph delivers: batches across subscriptions, duplicates, the answer budget and throttling. */
class GraphDeliveryIT {

    private static String subscribe(GraphClient graph, ExchangeSimulator sim, PushReceiver receiver, String room)
            throws Exception {
        GraphClient.Answer created = graph.post("/subscriptions", """
                {"changeType":"created,updated,deleted","notificationUrl":"%s","resource":"users/%s/events",
                 "expirationDateTime":"%s","clientState":"cs"}"""
                .formatted(receiver.url("/n"), room, sim.now().plus(Duration.ofDays(2))));
        assertThat(created.status()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private static List<JsonNode> values(PushReceiver receiver) {
        return receiver.received("/n").stream().filter(r -> r.validationToken() == null)
                .flatMap(r -> GraphClient.JSON.readTree(r.body()).path("value").valueStream()).toList();
    }

    private static long posts(PushReceiver receiver) {
        return receiver.received("/n").stream().filter(r -> r.validationToken() == null).count();
    }

    @Test
    void notificationsOfSeveralSubscriptionsShareOnePostAndDuplicatesArrive() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(ExchangeSimulatorOptions.defaults().mailboxes(2)
                .quietChanges().property("graph.batch-window", "5s").property("graph.duplicate-rate", "1"));
             PushReceiver receiver = new PushReceiver()) {
            receiver.answer(PushReceiver.Answer.graph(202));
            GraphClient graph = new GraphClient(sim);
            String first = subscribe(graph, sim, receiver, sim.mailboxes().get(0));
            String second = subscribe(graph, sim, receiver, sim.mailboxes().get(1));
            sim.bookings().create(sim.mailboxes().get(0), BookingSpec.random());
            sim.bookings().create(sim.mailboxes().get(1), BookingSpec.random());
            sim.advance(Duration.ofSeconds(5));

            assertThat(posts(receiver)).isEqualTo(1);
            List<JsonNode> values = values(receiver);
            assertThat(values).extracting(v -> v.path("subscriptionId").asString())
                    .containsExactlyInAnyOrder(first, first, second, second);
            assertThat(values.get(0)).isEqualTo(values.get(1));
            assertThat(sim.stats().count("graph.notifications.duplicates")).isEqualTo(2);
        }
    }

    @Test
    void slowAnswersAreCountedAndAnEndpointThatStaysSlowIsDroppedLikeGraphDoes() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(ExchangeSimulatorOptions.defaults().mailboxes(1)
                .quietChanges().property("graph.duplicate-rate", "0").property("graph.answer-budget", "50ms")
                .property("graph.slow-threshold", "100ms"));
             PushReceiver receiver = new PushReceiver()) {
            GraphClient graph = new GraphClient(sim);
            receiver.answer(PushReceiver.Answer.graph(202));
            String room = sim.mailboxes().getFirst();
            subscribe(graph, sim, receiver, room);
            receiver.answer(r -> r.validationToken() != null ? PushReceiver.Answer.graph(202).apply(r)
                    : new PushReceiver.Answer(202, "text/plain", "", Duration.ofMillis(150)));
            for (int i = 0; i < NotificationDelivery.MIN_SAMPLES; i++) {
                sim.bookings().create(room, BookingSpec.random());
                assertThat(sim.awaitIdle(Duration.ofSeconds(10))).isTrue();
                sim.advance(Duration.ofSeconds(1));
            }
            assertThat(sim.stats().count("graph.notifications.slowAnswers")).isGreaterThanOrEqualTo(NotificationDelivery.MIN_SAMPLES);
            assertThat(sim.stats().count("graph.notifications.dropStates")).isEqualTo(1);
            long delivered = values(receiver).size();

            sim.bookings().create(room, BookingSpec.random());
            sim.advance(Duration.ofMinutes(1));
            assertThat(values(receiver)).hasSize((int) delivered);
            assertThat(sim.stats().count("graph.notifications.droppedThrottled")).isEqualTo(1);
            assertThat(sim.graph().endpoints()).singleElement()
                    .satisfies(e -> assertThat(e.get("droppingUntil")).isNotNull());

            receiver.answer(PushReceiver.Answer.graph(202));
            sim.advance(Duration.ofMinutes(10));
            sim.bookings().create(room, BookingSpec.random());
            sim.advance(Duration.ofSeconds(10));
            assertThat(values(receiver)).hasSize((int) delivered + 1);
        }
    }
}
