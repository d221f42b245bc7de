package rxpush.common.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import rxpush.common.kafka.ContractDeserializer;
import rxpush.common.kafka.ContractSerializer;

class ContractValidationTest {

    private final ContractDeserializer<ChangeNotification> reader = new ContractDeserializer<>(ChangeNotification.class);

    @Test
    void mailboxIsStoredLowercased() {
        assertThat(ContractSamples.changeNotification().mailbox()).isEqualTo("room.101@contoso.com");
        assertThat(ContractSamples.changeNotification().key()).isEqualTo("room.101@contoso.com");
    }

    @Test
    void anItemChangeWithoutItemIdIsRejected() {
        assertThatThrownBy(() -> new ChangeNotification(1, "n1", Source.GRAPH, "a@b.c", "s", ChangeType.UPDATED,
                null, null, null, null, null, null, Instant.EPOCH, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("itemId");
    }

    @Test
    void aMoveWithoutOldItemIdIsRejected() {
        assertThatThrownBy(() -> new ChangeNotification(1, "n1", Source.EWS, "a@b.c", "s", ChangeType.MOVED,
                "new", null, null, null, null, null, Instant.EPOCH, null))
                .hasMessageContaining("oldItemId");
    }

    @Test
    void aMailboxThatIsNotAnAddressIsRejected() {
        assertThatThrownBy(() -> MailboxRegistration.of("not-an-address", Protocol.EWS, true, Instant.EPOCH))
                .hasMessageContaining("address must be an e-mail address");
    }

    @Test
    void aNewerSchemaVersionIsRejectedWithAClearMessage() {
        String json = """
                {"schemaVersion":2,"notificationId":"n","source":"EWS","mailbox":"a@b.c","changeType":"RESYNC",
                 "receivedAt":"2026-11-25T00:00:00Z"}""";
        assertThatThrownBy(() -> reader.deserialize("t", json.getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("schemaVersion 2");
    }

    @Test
    void unknownFieldsFromANewerWriterAreTolerated() {
        String json = """
                {"schemaVersion":1,"notificationId":"n","source":"EWS","mailbox":"a@b.c","changeType":"RESYNC",
                 "receivedAt":"2026-11-25T00:00:00Z","someFutureField":42}""";
        assertThat(reader.deserialize("t", json.getBytes()).changeType()).isEqualTo(ChangeType.RESYNC);
    }

    @Test
    void invalidJsonIsASerializationExceptionThatNamesTheTypeNotThePayload() {
        assertThatThrownBy(() -> reader.deserialize("t", "{\"secret\":".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("invalid ChangeNotification on t")
                .hasMessageNotContaining("secret");
    }

    @Test
    void aMissingRequiredFieldNamesTheField() {
        String json = """
                {"schemaVersion":1,"notificationId":"n","source":"EWS","changeType":"RESYNC","receivedAt":"2026-11-25T00:00:00Z"}""";
        assertThatThrownBy(() -> reader.deserialize("t", json.getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("mailbox is required");
    }

    @Test
    void nullIsATombstoneBothWays() {
        assertThat(new ContractSerializer<ChangeNotification>().serialize("t", null)).isNull();
        assertThat(reader.deserialize("t", null)).isNull();
    }

    @Test
    void subscriptionStateDemandsTheSecretHashOfItsProtocol() {
        assertThatThrownBy(() -> new SubscriptionState(1, "id", "a@b.c", Protocol.GRAPH, "s", SubscriptionStatus.ACTIVE,
                Instant.EPOCH, null, null, null, 0, null, null, SubscriptionHealth.HEALTHY, null, null, null, Instant.EPOCH))
                .hasMessageContaining("clientStateHash");
    }

    @Test
    void aFirstPushExpectationBelongsToEwsAndNamesWatermarks() {
        SubscriptionState ews = ContractSamples.subscriptionStateAwaitingFirstPush();
        assertThatThrownBy(() -> new SubscriptionState(1, "id", "a@b.c", Protocol.GRAPH, "s", SubscriptionStatus.ACTIVE,
                Instant.EPOCH, null, null, null, 0, null, "hash", SubscriptionHealth.HEALTHY, null, null, null, Instant.EPOCH,
                List.of("wm")))
                .hasMessageContaining("firstPushFrom");
        assertThatThrownBy(() -> withFirstPushFrom(ews, List.of())).hasMessageContaining("firstPushFrom");
        assertThatThrownBy(() -> withFirstPushFrom(ews, Arrays.asList("wm", null))).hasMessageContaining("firstPushFrom");
        List<String> mutable = new ArrayList<>(List.of("wm"));
        SubscriptionState copy = withFirstPushFrom(ews, mutable);
        mutable.add("later");
        assertThat(copy.firstPushFrom()).containsExactly("wm");
    }

    private static SubscriptionState withFirstPushFrom(SubscriptionState s, List<String> firstPushFrom) {
        return new SubscriptionState(s.schemaVersion(), s.id(), s.mailbox(), s.protocol(), s.subscriptionId(), s.status(),
                s.createdAt(), s.expiresAt(), s.watermark(), s.watermarkAt(), s.ownerEpoch(), s.ingressTokenHash(),
                s.clientStateHash(), s.health(), s.lastNotificationAt(), s.lastHeartbeatAt(), s.lastError(), s.updatedAt(),
                firstPushFrom);
    }

    @Test
    void bookingUpdateRejectsAnEndBeforeItsStart() {
        BookingUpdate sample = ContractSamples.bookingUpdate();
        assertThatThrownBy(() -> new BookingUpdate(sample.bookingId(), sample.mailbox(), sample.source(), sample.itemId(),
                sample.iCalUid(), sample.changeKey(), sample.lastModified(), sample.subject(), sample.organizer(),
                sample.end(), sample.start(), sample.timeZone(), false, false, null, sample.sensitivity(),
                sample.occurrenceType(), null, null))
                .hasMessageContaining("end is before start");
    }
}
