package rxpush.subscription.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import rxpush.common.kafka.RxHeaders;

class LatestItemNotificationsTest {

    private static final String NOTIFICATIONS = "rxpush.notifications";

    private final LatestItemNotifications latest = new LatestItemNotifications(NOTIFICATIONS);
    private long offset;

    @Test
    void keepsTheLastReceivedPerMailboxAndSubscription() {
        ConsumerRecord<byte[], byte[]> first = item(0, "room-a", "sub-1", "2026-12-04T10:00:00.100Z");
        ConsumerRecord<byte[], byte[]> newest = item(0, "room-a", "sub-1", "2026-12-04T10:00:00.300Z");
        // received before `newest` but written after it (two requests racing): not the newest
        ConsumerRecord<byte[], byte[]> late = item(0, "room-a", "sub-1", "2026-12-04T10:00:00.2Z");
        ConsumerRecord<byte[], byte[]> otherSubscription = item(0, "room-a", "sub-2", "2026-12-04T10:00:00.050Z");
        ConsumerRecord<byte[], byte[]> otherMailbox = item(0, "room-b", "sub-1", "2026-12-04T10:00:00.050Z");

        for (var record : List.of(first, newest, late, otherSubscription, otherMailbox)) {
            assertThat(latest.offer(record)).isTrue();
        }

        assertThat(drained()).containsExactly(newest, otherSubscription, otherMailbox);
        assertThat(drained()).isEmpty();
    }

    @Test
    void leavesRecordsWithoutIngressHeadersAndOtherTopicsToTheCaller() {
        ConsumerRecord<byte[], byte[]> resync = new ConsumerRecord<>(NOTIFICATIONS, 0, offset++, bytes("room-a"), bytes("{}"));
        ConsumerRecord<byte[], byte[]> signal = new ConsumerRecord<>("rxpush.signals", 0, offset++, bytes("room-a"), bytes("{}"));
        signal.headers().add(RxHeaders.SUBSCRIPTION_ID, bytes("sub-1")).add(RxHeaders.RECEIVED_AT, bytes("2026-12-04T10:00:00Z"));
        ConsumerRecord<byte[], byte[]> badTime = item(0, "room-a", "sub-1", "yesterday");

        assertThat(latest.offer(resync)).isFalse();
        assertThat(latest.offer(signal)).isFalse();
        assertThat(latest.offer(badTime)).isFalse();
        assertThat(drained()).isEmpty();
    }

    private List<ConsumerRecord<byte[], byte[]>> drained() {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        latest.drain(out::add);
        return out;
    }

    private ConsumerRecord<byte[], byte[]> item(int partition, String mailbox, String subscriptionId, String receivedAt) {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(NOTIFICATIONS, partition, offset++, bytes(mailbox), bytes("{}"));
        RecordHeaders headers = (RecordHeaders) record.headers();
        headers.add(RxHeaders.SUBSCRIPTION_ID, bytes(subscriptionId));
        headers.add(RxHeaders.RECEIVED_AT, bytes(receivedAt));
        return record;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
