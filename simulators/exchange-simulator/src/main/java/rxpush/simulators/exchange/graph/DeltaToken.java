package rxpush.simulators.exchange.graph;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * The state a calendarView/delta skip or delta token carries: the mailbox, the journal range of this
 * round ({@code from} exclusive to {@code to} inclusive; {@code from} is -1 in the first round,
 * which lists the whole window), the page offset and the window. Opaque base64url with a checksum.
 */
record DeltaToken(UUID mailbox, long from, long to, int offset, Instant windowStart, Instant windowEnd) {

    String encode() {
        ByteBuffer buffer = ByteBuffer.allocate(16 + 8 + 8 + 4 + 8 + 8 + 4);
        buffer.putLong(mailbox.getMostSignificantBits()).putLong(mailbox.getLeastSignificantBits());
        buffer.putLong(from).putLong(to).putInt(offset);
        buffer.putLong(windowStart.getEpochSecond()).putLong(windowEnd.getEpochSecond());
        buffer.putInt(checksum(buffer.array(), buffer.position()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    static Optional<DeltaToken> decode(String text) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(text);
            if (bytes.length != 56) {
                return Optional.empty();
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            UUID mailbox = new UUID(buffer.getLong(), buffer.getLong());
            long from = buffer.getLong();
            long to = buffer.getLong();
            int offset = buffer.getInt();
            Instant start = Instant.ofEpochSecond(buffer.getLong());
            Instant end = Instant.ofEpochSecond(buffer.getLong());
            if (buffer.getInt() != checksum(bytes, 52) || offset < 0 || from < -1 || to < 0) {
                return Optional.empty();
            }
            return Optional.of(new DeltaToken(mailbox, from, to, offset, start, end));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static int checksum(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }
}
