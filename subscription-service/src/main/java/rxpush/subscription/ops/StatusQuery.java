package rxpush.subscription.ops;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import rxpush.common.contract.Protocol;
import rxpush.common.kafka.Partitions;
import rxpush.subscription.engine.MailboxStatus;
import rxpush.subscription.engine.SubscriptionEngine;
import rxpush.subscription.engine.SyncState;

/**
 * A filter of the status page: state, protocol, and a piece of the address (case-insensitive); any may
 * be null. {@link #local} answers it for the mailboxes this instance owns.
 */
public record StatusQuery(SyncState state, Protocol protocol, String search) {

    public StatusQuery {
        search = search == null || search.isBlank() ? null : search.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * One instance's answer: counts per state of the mailboxes matching protocol and search (the summary
     * bar; the state filter is not applied to them), how many match the whole filter, and the first
     * {@code first} of those by address.
     */
    public record Part(Map<SyncState, Long> counts, int matching, List<StatusRow> rows) {
    }

    boolean matchesIgnoringState(MailboxStatus s) {
        return (protocol == null || protocol == s.protocol()) && (search == null || s.address().contains(search));
    }

    Part local(SubscriptionEngine engine, ForwarderGroupLag lag, String owner, int first) {
        Map<SyncState, Long> counts = new EnumMap<>(SyncState.class);
        for (SyncState st : SyncState.values()) {
            counts.put(st, 0L);
        }
        List<StatusRow> rows = new ArrayList<>();
        int matching = 0;
        int partitions = lag.partitions();
        for (MailboxStatus s : engine.statuses()) {
            if (!matchesIgnoringState(s)) {
                continue;
            }
            counts.merge(s.syncState(), 1L, Long::sum);
            if (state != null && state != s.syncState()) {
                continue;
            }
            matching++;
            if (rows.size() < first) {
                long partitionLag = partitions == 0 ? -1 : lag.partition(Partitions.forMailbox(s.address(), partitions));
                rows.add(StatusRow.of(s, partitionLag, owner));
            }
        }
        return new Part(counts, matching, rows);
    }
}
