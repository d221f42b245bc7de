package rxpush.ingress.ews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import rxpush.common.contract.ChangeNotification;
import rxpush.common.contract.ChangeType;
import rxpush.common.contract.Protocol;
import rxpush.common.contract.SchemaVersions;
import rxpush.common.contract.Source;
import rxpush.common.contract.SubscriptionHealth;
import rxpush.common.contract.SubscriptionState;
import rxpush.common.contract.SubscriptionStatus;
import rxpush.common.kafka.Topics;
import rxpush.ingress.kafka.OutboundRecord;
import rxpush.ingress.kafka.RequestContext;
import rxpush.ingress.testing.EwsPush;

class EwsRecordsTest {

    private static final SubscriptionState STATE = new SubscriptionState(SchemaVersions.CURRENT, "sub-1", "Room.1@Example.com",
            Protocol.EWS, "ews-sub", SubscriptionStatus.ACTIVE, Instant.EPOCH, null, null, null, 1, "hash", null,
            SubscriptionHealth.HEALTHY, null, null, null, Instant.EPOCH);
    private static final RequestContext REQUEST = new RequestContext(Source.EWS, "trace", Instant.parse("2026-11-25T10:00:01Z"), 0);

    private final EwsRecords records = new EwsRecords();

    @Test
    void mapsEveryItemEventAndOneHeartbeat() throws Exception {
        List<OutboundRecord> out = build(EwsPush.everyItemEvent("ews-sub").folder("W8"));

        assertThat(out).hasSize(8);
        assertThat(values(out, Topics.NOTIFICATIONS)).extracting(ChangeNotification::changeType).containsExactly(
                ChangeType.CREATED, ChangeType.UPDATED, ChangeType.DELETED, ChangeType.MOVED, ChangeType.CREATED,
                ChangeType.CREATED, ChangeType.UPDATED);
        ChangeNotification moved = values(out, Topics.NOTIFICATIONS).get(3);
        assertThat(moved.itemId()).isEqualTo("i4-new");
        assertThat(moved.oldItemId()).isEqualTo("i4-old");
        assertThat(values(out, Topics.NOTIFICATIONS).get(4).oldItemId()).as("a copy is a new item").isNull();
        assertThat(values(out, Topics.SIGNALS)).singleElement().satisfies(heartbeat -> {
            assertThat(heartbeat.changeType()).isEqualTo(ChangeType.STATUS);
            assertThat(heartbeat.watermark()).isEqualTo("W8");
            assertThat(heartbeat.previousWatermark()).isEqualTo("W0");
            assertThat(heartbeat.itemId()).isNull();
        });
        assertThat(out).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo("room.1@example.com");
            assertThat(r.subscriptionId()).isEqualTo("ews-sub");
        });
        assertThat(values(out, Topics.NOTIFICATIONS)).extracting(ChangeNotification::receivedAt).containsOnly(REQUEST.receivedAt());
    }

    @Test
    void idsAreStableAndDistinct() throws Exception {
        EwsPush push = EwsPush.of("ews-sub", "W0").item("CreatedEvent", "W1", "i1", "c1").item("ModifiedEvent", "W2", "i1", "c2");

        List<String> first = build(push).stream().map(r -> ((ChangeNotification) r.value()).notificationId()).toList();
        List<String> again = build(push).stream().map(r -> ((ChangeNotification) r.value()).notificationId()).toList();

        assertThat(first).doesNotHaveDuplicates().isEqualTo(again);
    }

    @Test
    void aBrokenWatermarkChainIsRecordedAsItCameNotJudged() throws Exception {
        build(EwsPush.of("ews-sub", "W0").status("W1"));

        List<OutboundRecord> out = build(EwsPush.of("ews-sub", "W5").status("W6"));

        assertThat(values(out, Topics.SIGNALS)).singleElement().satisfies(status -> {
            assertThat(status.changeType()).isEqualTo(ChangeType.STATUS);
            assertThat(status.previousWatermark()).isEqualTo("W5");
            assertThat(status.watermark()).isEqualTo("W6");
        });
    }

    @Test
    void anErrorPushWithItsNotificationGivesMissedBeforeTheHeartbeatAndKeepsItsItems() throws Exception {
        EwsPush push = EwsPush.of("ews-sub", "W5").item("ModifiedEvent", "W6", "i1", "c1");

        List<OutboundRecord> out = records.build(STATE, SendNotificationParser.parse(
                push.errorXml("ErrorMissedNotificationEvents", true).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                REQUEST);

        assertThat(values(out, Topics.NOTIFICATIONS)).extracting(ChangeNotification::itemId).containsExactly("i1");
        assertThat(values(out, Topics.SIGNALS)).extracting(ChangeNotification::changeType)
                .containsExactly(ChangeType.MISSED, ChangeType.STATUS);
        ChangeNotification missed = values(out, Topics.SIGNALS).getFirst();
        assertThat(missed.reason()).isEqualTo(EwsRecords.ERROR_REASON + "ErrorMissedNotificationEvents");
        assertThat(missed.previousWatermark()).isEqualTo("W5");
        assertThat(missed.subscriptionId()).isEqualTo("ews-sub");
    }

    @Test
    void anErrorPushWithoutNotificationIsMissedForTheTokensSubscription() throws Exception {
        String xml = EwsPush.of("whatever", "W5").errorXml("ErrorMissedNotificationEvents", false);

        List<OutboundRecord> out = records.build(STATE, SendNotificationParser.parse(
                xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)), REQUEST);

        assertThat(out).singleElement().satisfies(r -> {
            assertThat(r.topic()).isEqualTo(Topics.SIGNALS);
            ChangeNotification missed = (ChangeNotification) r.value();
            assertThat(missed.changeType()).isEqualTo(ChangeType.MISSED);
            assertThat(missed.subscriptionId()).isEqualTo("ews-sub");
            assertThat(missed.reason()).contains("ErrorMissedNotificationEvents");
        });
    }

    @Test
    void anInvalidItemRefusesThePush() {
        // A mailbox-less state cannot exist; an item id of blanks can only come from a broken push.
        EwsNotification bad = new EwsNotification("ews-sub", "W0", false,
                List.of(new EwsEvent(EwsEventType.CREATED, "W1", null, " ", null, null, null)));

        assertThatThrownBy(() -> records.build(STATE, List.of(bad), REQUEST)).isInstanceOf(IllegalArgumentException.class);
    }

    private List<OutboundRecord> build(EwsPush push) throws Exception {
        return records.build(STATE, SendNotificationParser.parse(push.bytes()), REQUEST);
    }

    private static List<ChangeNotification> values(List<OutboundRecord> records, String topic) {
        return records.stream().filter(r -> r.topic().equals(topic)).map(r -> (ChangeNotification) r.value()).toList();
    }
}
