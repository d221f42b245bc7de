package rxpush.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class PartitionsTest {

    @Test
    void matchesKafkasDefaultPartitionerForTheMailboxKey() {
        for (int i = 0; i < 500; i++) {
            String mailbox = "room." + i + "@contoso.com";
            for (int partitions : new int[] {1, 3, 12, 50}) {
                int kafka = BuiltInPartitioner.partitionForKey(mailbox.getBytes(StandardCharsets.UTF_8), partitions);
                assertThat(Partitions.forMailbox(mailbox, partitions)).isEqualTo(kafka);
            }
        }
    }

    @Test
    void isCaseInsensitiveLikeTheKeys() {
        assertThat(Partitions.forMailbox("Room.1@Contoso.COM", 12)).isEqualTo(Partitions.forMailbox("room.1@contoso.com", 12));
    }

    @Test
    void rejectsANonPositivePartitionCount() {
        assertThatThrownBy(() -> Partitions.forMailbox("a@b.c", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
