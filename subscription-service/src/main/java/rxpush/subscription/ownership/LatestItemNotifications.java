package rxpush.subscription.ownership;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import rxpush.common.kafka.RxHeaders;

/**
 * The item notifications of one poll that the engine needs to see: per partition, mailbox (the key)
 * and subscription, only the one ingress received last.
 *
 * <p>For an item notification the engine keeps the newest receivedAt only (the mailbox's last
 * notification and, for EWS, its last sign of life: both a maximum), so the others of the same
 * mailbox and subscription change nothing, and reading each of them (2,000/s for one busy room)
 * cost this service more than everything else it does. Only ingress writes records with a
 * subscription-id header to the notifications topic, and all of them are item changes; records
 * without the headers (RESYNC requests) are not taken here and go through one by one.
 */
final class LatestItemNotifications {

    private record Key(int partition, byte[] mailbox, String subscriptionId) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.partition == partition && Arrays.equals(k.mailbox, mailbox)
                    && k.subscriptionId.equals(subscriptionId);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * partition + Arrays.hashCode(mailbox)) + subscriptionId.hashCode();
        }
    }

    private record Latest(ConsumerRecord<byte[], byte[]> record, Instant receivedAt) {
    }

    private final String notificationsTopic;
    private final Map<Key, Latest> latest = new LinkedHashMap<>();

    LatestItemNotifications(String notificationsTopic) {
        this.notificationsTopic = notificationsTopic;
    }

    /** Takes an item notification from ingress (true), or leaves any other record to the caller (false). */
    boolean offer(ConsumerRecord<byte[], byte[]> record) {
        if (!record.topic().equals(notificationsTopic) || record.key() == null || record.value() == null) {
            return false;
        }
        String subscriptionId = header(record, RxHeaders.SUBSCRIPTION_ID);
        String receivedText = header(record, RxHeaders.RECEIVED_AT);
        if (subscriptionId == null || receivedText == null) {
            return false;
        }
        Instant receivedAt;
        try {
            receivedAt = Instant.parse(receivedText);
        } catch (DateTimeParseException e) {
            return false;
        }
        latest.merge(new Key(record.partition(), record.key(), subscriptionId), new Latest(record, receivedAt),
                (kept, offered) -> offered.receivedAt().isBefore(kept.receivedAt()) ? kept : offered);
        return true;
    }

    /** Hands over the kept records, in the order their groups first appeared, and forgets them. */
    void drain(Consumer<ConsumerRecord<byte[], byte[]>> handler) {
        latest.values().forEach(l -> handler.accept(l.record()));
        latest.clear();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
