package rxpush.subscription.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import rxpush.common.contract.MailboxRegistration;
import rxpush.common.contract.Protocol;
import rxpush.common.contract.SecretHash;
import rxpush.common.contract.SubscriptionState;
import rxpush.common.contract.SubscriptionStatus;

class AdoptionTest {

    private static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");
    private static final long EPOCH = 7;

    @Test
    void ofTwoActiveRecordsTheNewerStaysCurrentAndTheOlderIsRetiredAsSuperseded() {
        SubscriptionState older = active("room-1@contoso.test", "sub-old", T0);
        SubscriptionState newer = active("room-1@contoso.test", "sub-new", T0.plusSeconds(60));

        // Read in the opposite order: the records' times decide, not the topic's order.
        Adoption adoption = Adoption.of(3, EPOCH, List.of(), List.of(newer, older), T0.plusSeconds(120));

        MailboxState m = adoption.mailboxes().get("room-1@contoso.test");
        assertThat(m.current).isEqualTo(newer);
        assertThat(adoption.retire()).singleElement().satisfies(r -> {
            assertThat(r.subscriptionId()).isEqualTo("sub-old");
            assertThat(r.status()).isEqualTo(SubscriptionStatus.OBSOLETE);
            assertThat(r.ownerEpoch()).isEqualTo(EPOCH);
            assertThat(r.lastError()).isEqualTo("superseded");
        });
        assertThat(m.obsolete).containsExactlyElementsOf(adoption.retire());
        assertThat(adoption.interrupted()).isEmpty();
    }

    @Test
    void aPendingRecordIsAnInterruptedCreationToTombstoneAndObsoleteOnesAreKept() {
        SubscriptionState pending = StateBuilder.pending("room-2@contoso.test", Protocol.GRAPH, T0)
                .clientStateHash(SecretHash.hash("client-state")).build(EPOCH - 1, T0);
        SubscriptionState obsolete = Actions.obsolete(active("room-2@contoso.test", "sub-gone", T0), "replaced",
                EPOCH - 1, T0);

        Adoption adoption = Adoption.of(3, EPOCH, List.of(), List.of(pending, obsolete), T0.plusSeconds(5));

        MailboxState m = adoption.mailboxes().get("room-2@contoso.test");
        assertThat(adoption.interrupted()).containsExactly(pending.id());
        assertThat(m.current).isNull();
        assertThat(m.obsolete).containsExactly(obsolete);
        assertThat(adoption.retire()).isEmpty();
    }

    @Test
    void registrationsWithoutRecordsAreAdoptedToBeSubscribed() {
        MailboxRegistration registration = MailboxRegistration.of("room-3@contoso.test", Protocol.EWS, true, T0);

        Adoption adoption = Adoption.of(4, EPOCH, List.of(registration), List.of(), T0);

        MailboxState m = adoption.mailboxes().get("room-3@contoso.test");
        assertThat(m.partition).isEqualTo(4);
        assertThat(m.registration).isEqualTo(registration);
        assertThat(m.desired()).isTrue();
        assertThat(m.active()).isFalse();
    }

    private static SubscriptionState active(String mailbox, String subscriptionId, Instant at) {
        SubscriptionState pending = StateBuilder.pending(mailbox, Protocol.EWS, at)
                .tokenHash(SecretHash.hash("token-" + subscriptionId)).build(EPOCH - 1, at);
        return StateBuilder.from(pending).status(SubscriptionStatus.ACTIVE).subscriptionId(subscriptionId)
                .watermark("wm-" + subscriptionId, at).build(EPOCH - 1, at);
    }
}
