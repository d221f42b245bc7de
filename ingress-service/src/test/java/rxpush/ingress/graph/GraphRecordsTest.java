package rxpush.ingress.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.ChangeType;
import rxpush.common.contract.LifecycleEvent;
import rxpush.common.contract.LifecycleNotification;
import rxpush.common.contract.Protocol;
import rxpush.common.contract.SchemaVersions;
import rxpush.common.contract.SecretHash;
import rxpush.common.contract.Source;
import rxpush.common.contract.SubscriptionHealth;
import rxpush.common.contract.SubscriptionState;
import rxpush.common.contract.SubscriptionStatus;
import rxpush.common.kafka.Topics;
import rxpush.ingress.kafka.RequestContext;
import rxpush.ingress.ops.Rejection;
import rxpush.ingress.registry.Registries;
import rxpush.ingress.testing.Fixtures;

class GraphRecordsTest {

    private static final RequestContext REQUEST = new RequestContext(Source.GRAPH, "t", Instant.parse("2026-11-25T10:00:00Z"), 0);

    private final GraphRecords records = new GraphRecords(Registries.loaded(
            graph("ec73a6d8-5535-40ba-8b84-71b6b56788f4", "foo", "Room@Example.com"),
            graph("e3898f08-5cd0-4a6a-80fc-6addbfb73b7b", "{secret client state}", "lc@example.com")));

    @Test
    void capturedCreatedEventBecomesAChangeNotification() throws Exception {
        ChangeNotification value = (ChangeNotification) accepted(item(Fixtures.text("graph/capture-group-calendar-event-created.json"))).value();

        assertThat(value.changeType()).isEqualTo(ChangeType.CREATED);
        assertThat(value.source()).isEqualTo(Source.GRAPH);
        assertThat(value.mailbox()).isEqualTo("room@example.com");
        assertThat(value.itemId()).startsWith("AAMkAGViYzY5NTVh").endsWith("AAecy6lAAA=");
        assertThat(value.changeKey()).isEqualTo("W/\"DwAAABYAAAAJk/rg5HJKR4HmS51TSiYlAAAecwKg\"");
        assertThat(value.receivedAt()).isEqualTo(REQUEST.receivedAt());
    }

    @Test
    void idDependsOnChangeAndEtagOnly() throws Exception {
        String created = Fixtures.text("graph/capture-group-calendar-event-created.json");
        String updated = Fixtures.text("graph/capture-group-calendar-event-updated.json");

        String first = id(created);

        assertThat(id(created)).isEqualTo(first);
        assertThat(id(updated)).isNotEqualTo(first);
    }

    @Test
    void itemIdFallsBackToTheLastResourceSegment() throws Exception {
        String json = """
                {"value":[{"subscriptionId":"ec73a6d8-5535-40ba-8b84-71b6b56788f4","clientState":"foo",
                "changeType":"updated","resource":"Users/u/Events/EVENT-ID"}]}""";

        ChangeNotification value = (ChangeNotification) accepted(item(json)).value();

        assertThat(value.itemId()).isEqualTo("EVENT-ID");
        assertThat(value.changeKey()).isNull();
    }

    @Test
    void lifecycleNotificationGoesToTheLifecycleTopic() throws Exception {
        var record = accepted(item(Fixtures.text("graph/msdocs-lifecycle-reauthorizationRequired.json")));

        assertThat(record.topic()).isEqualTo(Topics.LIFECYCLE);
        LifecycleNotification value = (LifecycleNotification) record.value();
        assertThat(value.event()).isEqualTo(LifecycleEvent.REAUTHORIZATION_REQUIRED);
        assertThat(value.mailbox()).isEqualTo("lc@example.com");
        assertThat(value.subscriptionExpiresAt()).isEqualTo(Instant.parse("2019-09-18T00:52:45.9696658Z"));
    }

    @Test
    void dropsWithAReason() throws Exception {
        String sub = "ec73a6d8-5535-40ba-8b84-71b6b56788f4";
        assertDropped("{\"subscriptionId\":\"" + sub + "\",\"clientState\":\"bar\",\"changeType\":\"created\",\"resource\":\"a/b\"}",
                Rejection.CLIENT_STATE_MISMATCH);
        assertDropped("{\"subscriptionId\":\"" + sub + "\",\"changeType\":\"created\",\"resource\":\"a/b\"}",
                Rejection.CLIENT_STATE_MISMATCH);
        assertDropped("{\"subscriptionId\":\"nope\",\"clientState\":\"foo\",\"changeType\":\"created\",\"resource\":\"a/b\"}",
                Rejection.UNKNOWN_SUBSCRIPTION);
        assertDropped("{\"clientState\":\"foo\",\"changeType\":\"created\"}", Rejection.MALFORMED_ITEM);
        assertDropped("{\"subscriptionId\":\"" + sub + "\",\"clientState\":\"foo\",\"changeType\":\"created\"}",
                Rejection.MALFORMED_ITEM);
        assertDropped("{\"subscriptionId\":\"" + sub + "\",\"clientState\":\"foo\",\"changeType\":\"created,updated\",\"resource\":\"a/b\"}",
                Rejection.UNSUPPORTED_TYPE);
        assertDropped("{\"subscriptionId\":\"" + sub + "\",\"clientState\":\"foo\",\"lifecycleEvent\":\"somethingNew\"}",
                Rejection.UNSUPPORTED_TYPE);
        assertDropped("{\"subscriptionId\":" + 42 + ",\"clientState\":\"foo\",\"changeType\":\"created\"}",
                Rejection.MALFORMED_ITEM);
    }

    @Test
    void eventHubsValidationMessageIsDroppedAsSuch() throws Exception {
        var outcome = records.map(item(Fixtures.text("graph/msdocs-eventhubs-validation-message.json")), REQUEST, null);

        assertThat(outcome).isEqualTo(new GraphRecords.Dropped(Rejection.VALIDATION_MESSAGE, null));
    }

    @Test
    void aNotificationBeforeGraphsIdIsRecordedIsAcceptedByItsClientState() throws Exception {
        SubscriptionState pending = new SubscriptionState(SchemaVersions.CURRENT, "id-pending", "pending@example.com",
                Protocol.GRAPH, null, SubscriptionStatus.PENDING, Instant.EPOCH, null, null, null, 1, null,
                SecretHash.hash("fresh-client-state"), SubscriptionHealth.HEALTHY, null, null, null, Instant.EPOCH);
        GraphRecords withPending = new GraphRecords(Registries.loaded(pending));
        String json = """
                {"value":[{"subscriptionId":"new-graph-id","clientState":"fresh-client-state",
                "changeType":"created","resource":"Users/u/Events/EVENT-1"}]}""";

        var outcome = withPending.map(item(json), REQUEST, null);

        assertThat(outcome).isInstanceOfSatisfying(GraphRecords.Accepted.class, accepted -> {
            ChangeNotification value = (ChangeNotification) accepted.record().value();
            assertThat(value.mailbox()).isEqualTo("pending@example.com");
            assertThat(value.subscriptionId()).isEqualTo("new-graph-id");
            assertThat(value.itemId()).isEqualTo("EVENT-1");
        });
        String forged = json.replace("fresh-client-state", "guessed");
        assertThat(withPending.map(item(forged), REQUEST, null)).isInstanceOfSatisfying(GraphRecords.Dropped.class,
                d -> assertThat(d.reason()).isEqualTo(Rejection.UNKNOWN_SUBSCRIPTION));
    }

    @Test
    void oncePendingBecomesActiveOnlyGraphsIdFindsIt() {
        SubscriptionState pending = new SubscriptionState(SchemaVersions.CURRENT, "id-x", "x@example.com", Protocol.GRAPH,
                null, SubscriptionStatus.PENDING, Instant.EPOCH, null, null, null, 1, null, SecretHash.hash("cs"),
                SubscriptionHealth.HEALTHY, null, null, null, Instant.EPOCH);
        SubscriptionState active = new SubscriptionState(SchemaVersions.CURRENT, "id-x", "x@example.com", Protocol.GRAPH,
                "graph-id-x", SubscriptionStatus.ACTIVE, Instant.EPOCH, null, null, null, 1, null, SecretHash.hash("cs"),
                SubscriptionHealth.HEALTHY, null, null, null, Instant.EPOCH);

        var registry = Registries.loaded(pending, active);

        assertThat(registry.forPendingGraphClientState("cs")).isEmpty();
        assertThat(registry.forGraphSubscription("graph-id-x")).contains(active);
    }

    private void assertDropped(String itemJson, Rejection reason) throws Exception {
        var outcome = records.map(item("{\"value\":[" + itemJson + "]}"), REQUEST, null);
        assertThat(outcome).as(itemJson).isInstanceOfSatisfying(GraphRecords.Dropped.class,
                d -> assertThat(d.reason()).isEqualTo(reason));
    }

    private String id(String json) throws Exception {
        return ((ChangeNotification) accepted(item(json)).value()).notificationId();
    }

    private rxpush.ingress.kafka.OutboundRecord accepted(GraphItem item) {
        var outcome = records.map(item, REQUEST, null);
        assertThat(outcome).isInstanceOf(GraphRecords.Accepted.class);
        return ((GraphRecords.Accepted) outcome).record();
    }

    private static GraphItem item(String json) throws Exception {
        return new GraphItem(SafeJson.parse(json.getBytes(StandardCharsets.UTF_8)).get("value").get(0));
    }

    private static SubscriptionState graph(String subscriptionId, String clientState, String mailbox) {
        return new SubscriptionState(SchemaVersions.CURRENT, "id-" + subscriptionId, mailbox, Protocol.GRAPH, subscriptionId,
                SubscriptionStatus.ACTIVE, Instant.EPOCH, null, null, null, 1, null, SecretHash.hash(clientState),
                SubscriptionHealth.HEALTHY, null, null, null, Instant.EPOCH);
    }
}
