package rxpush.subscription.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import rxpush.common.contract.MailboxRegistration;
import rxpush.common.contract.SubscriptionState;

/**
 * What a takeover finds in a partition, sorted out: the mailbox states built from the registrations
 * and the subscription records the previous owner left, and what must be written before the new
 * owner works them. Records are read oldest first, so of two ACTIVE records of one mailbox the newer
 * stays current and the older is retired as superseded; PENDING records are creations the previous
 * owner did not finish (they never got a subscription id) and are tombstoned.
 *
 * @param mailboxes   by address, the retired records already among their obsolete ones
 * @param retire      ACTIVE records superseded by a newer one, to be written OBSOLETE
 * @param interrupted ids of PENDING records, to be tombstoned
 */
record Adoption(Map<String, MailboxState> mailboxes, List<SubscriptionState> retire, List<String> interrupted) {

    static Adoption of(int partition, long epoch, Collection<MailboxRegistration> registrations,
            Collection<SubscriptionState> states, Instant now) {
        Map<String, MailboxState> adopted = new HashMap<>();
        for (MailboxRegistration registration : registrations) {
            adopted.computeIfAbsent(registration.address(), a -> new MailboxState(a, partition)).registration = registration;
        }
        List<SubscriptionState> retire = new ArrayList<>();
        List<String> interrupted = new ArrayList<>();
        List<SubscriptionState> sorted = new ArrayList<>(states);
        sorted.sort(Comparator.comparing(SubscriptionState::updatedAt));
        for (SubscriptionState state : sorted) {
            MailboxState m = adopted.computeIfAbsent(state.mailbox(), a -> new MailboxState(a, partition));
            switch (state.status()) {
                case OBSOLETE -> m.obsolete.add(state);
                case PENDING -> interrupted.add(state.id());
                case ACTIVE -> {
                    if (m.current != null) {
                        SubscriptionState superseded = Actions.obsolete(m.current, "superseded", epoch, now);
                        retire.add(superseded);
                        m.obsolete.add(superseded);
                    }
                    m.current = state;
                }
            }
        }
        return new Adoption(adopted, List.copyOf(retire), List.copyOf(interrupted));
    }
}
