package rxpush.simulators.resourcexpress.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestLogTest {

    static RequestRecord record(long seq, String bookingId) {
        return new RequestRecord(seq, Instant.EPOCH, "PUT", "/x", bookingId, "k" + seq, 201, true, false, "created");
    }

    @Test
    void keepsTheNewestUpToItsLimitAndRestartsNumberingOnReset() {
        RequestLog log = new RequestLog(3);
        for (int i = 0; i < 5; i++) {
            long seq = log.nextSeq();
            log.add(record(seq, seq % 2 == 0 ? "even" : "odd"));
        }

        assertThat(log.all()).extracting(RequestRecord::seq).containsExactly(3L, 4L, 5L);
        assertThat(log.forBooking("odd")).extracting(RequestRecord::seq).containsExactly(3L, 5L);
        log.reset();
        assertThat(log.all()).isEmpty();
        assertThat(log.nextSeq()).isEqualTo(1);
    }
}
