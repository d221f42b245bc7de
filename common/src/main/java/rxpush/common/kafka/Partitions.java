package rxpush.common.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.kafka.common.utils.Utils;

/**
 * The partition a mailbox's records land on: the same murmur2 hash as Kafka's default partitioner
 * for the key, so records written with an explicit partition (forwarded versions keyed by booking)
 * are co-partitioned with records keyed by the mailbox.
 */
public final class Partitions {

    private Partitions() {
    }

    public static int forMailbox(String mailbox, int partitionCount) {
        if (partitionCount <= 0) {
            throw new IllegalArgumentException("partitionCount must be positive");
        }
        byte[] key = mailbox.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(key)) % partitionCount;
    }
}
