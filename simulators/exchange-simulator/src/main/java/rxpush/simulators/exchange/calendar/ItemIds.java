package rxpush.simulators.exchange.calendar;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * Opaque identifiers shaped like Exchange's: base64 ids that embed the mailbox, an EWS form
 * (standard base64) that changes when an item moves to another folder, Graph's REST form (the EWS id
 * with {@code /} and {@code +} replaced by {@code -} and {@code _}), an immutable form that never
 * changes, change keys ({@code DwAAABYAAAA...}), watermarks and sync states. Every id carries a
 * checksum so that a random or truncated string is reported as malformed, not as "not found".
 */
public final class ItemIds {

    /** What an id points at. */
    public enum Kind {
        ITEM(1), OCCURRENCE(2), FREEBUSY(3), FOLDER(4);

        final byte code;

        Kind(int code) {
            this.code = (byte) code;
        }

        static Kind of(byte code) {
            for (Kind kind : values()) {
                if (kind.code == code) {
                    return kind;
                }
            }
            return null;
        }
    }

    /** A decoded item or folder id. */
    public record Parsed(UUID mailbox, Kind kind, Folder folder, long number, int occurrence, boolean immutable) {
    }

    /**
     * A decoded watermark or sync state: a journal position of one mailbox, issued at an instant;
     * {@code offset} pages through a first full synchronization (-1 when that is complete).
     */
    public record Position(UUID mailbox, long position, int offset, Instant issuedAt) {
    }

    private static final byte[] EWS_HEADER = {0x00, 0x03, 0x24, 0x00};
    private static final byte[] IMMUTABLE_HEADER = {0x00, 0x09, 0x2E, 0x00};
    private static final byte WATERMARK_TAG = 0x01;
    private static final byte SYNC_STATE_TAG = 0x05;

    private ItemIds() {
    }

    public static String ewsId(UUID mailbox, Kind kind, Folder folder, long number, int occurrence) {
        return Base64.getEncoder().encodeToString(idBytes(EWS_HEADER, mailbox, kind, folder, number, occurrence));
    }

    public static String immutableId(UUID mailbox, Kind kind, long number, int occurrence) {
        // Same alphabet as REST ids (Graph's '/' -> '-', '+' -> '_'), so one decoder reads every form.
        return restId(Base64.getEncoder().encodeToString(
                idBytes(IMMUTABLE_HEADER, mailbox, kind, Folder.NONE, number, occurrence)));
    }

    /** Graph's REST form of an EWS id. */
    public static String restId(String ewsId) {
        return ewsId.replace('/', '-').replace('+', '_');
    }

    public static String folderId(UUID mailbox, Folder folder) {
        return ewsId(mailbox, Kind.FOLDER, folder, 0, 0);
    }

    /** Decodes any id form (EWS, REST or immutable); empty when it is not one of ours. */
    public static Optional<Parsed> parse(String id) {
        if (id == null || id.isEmpty() || id.length() > 512) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(id.replace('-', '/').replace('_', '+'));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length != 4 + 36 + 1 + 1 + 1 + 8 + 2 + 1 || !checksumOk(bytes)) {
            return Optional.empty();
        }
        boolean immutable;
        if (startsWith(bytes, EWS_HEADER)) {
            immutable = false;
        } else if (startsWith(bytes, IMMUTABLE_HEADER)) {
            immutable = true;
        } else {
            return Optional.empty();
        }
        UUID mailbox;
        try {
            mailbox = UUID.fromString(new String(bytes, 4, 36, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        ByteBuffer rest = ByteBuffer.wrap(bytes, 40, bytes.length - 40).order(ByteOrder.LITTLE_ENDIAN);
        rest.get(); // marker
        Kind kind = Kind.of(rest.get());
        Folder folder = Folder.of(rest.get());
        long number = rest.getLong();
        int occurrence = Short.toUnsignedInt(rest.getShort());
        if (kind == null || folder == null) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(mailbox, kind, folder, number, occurrence, immutable));
    }

    /** A change key in Exchange's shape: item class tag, length 22, mailbox GUID, change number. */
    public static String changeKey(UUID mailbox, long changeNumber) {
        ByteBuffer buffer = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(0x0F).putInt(22);
        buffer.order(ByteOrder.BIG_ENDIAN).putLong(mailbox.getMostSignificantBits())
                .putLong(mailbox.getLeastSignificantBits());
        for (int shift = 40; shift >= 0; shift -= 8) {
            buffer.put((byte) (changeNumber >>> shift));
        }
        return Base64.getEncoder().encodeToString(buffer.array());
    }

    /** A push subscription id in Exchange's shape: server name, subscription GUID, mailbox GUID. */
    public static String subscriptionId(UUID mailbox, UUID subscription) {
        byte[] server = "sim-exchange01.sim.contoso.local".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buffer = ByteBuffer.allocate(2 + server.length + 4 + 16 + 4 + 16).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putShort((short) server.length).put(server);
        buffer.putInt(16).putLong(subscription.getMostSignificantBits()).putLong(subscription.getLeastSignificantBits());
        buffer.putInt(16).putLong(mailbox.getMostSignificantBits()).putLong(mailbox.getLeastSignificantBits());
        return Base64.getEncoder().encodeToString(buffer.array());
    }

    public static String watermark(UUID mailbox, long position, Instant issuedAt) {
        return position(WATERMARK_TAG, mailbox, position, -1, issuedAt);
    }

    public static String syncState(UUID mailbox, long position, int offset, Instant issuedAt) {
        return position(SYNC_STATE_TAG, mailbox, position, offset, issuedAt);
    }

    public static Optional<Position> parseWatermark(String text) {
        return parsePosition(WATERMARK_TAG, text);
    }

    public static Optional<Position> parseSyncState(String text) {
        return parsePosition(SYNC_STATE_TAG, text);
    }

    private static String position(byte tag, UUID mailbox, long position, int offset, Instant issuedAt) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 16 + 8 + 8 + 4 + 1).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(tag).put((byte) 0).put((byte) 0).put((byte) 0);
        buffer.putLong(mailbox.getMostSignificantBits()).putLong(mailbox.getLeastSignificantBits());
        buffer.putLong(position).putLong(issuedAt.getEpochSecond()).putInt(offset);
        byte[] bytes = buffer.array();
        bytes[bytes.length - 1] = checksum(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static Optional<Position> parsePosition(byte tag, String text) {
        if (text == null || text.length() > 128) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length != 41 || bytes[0] != tag || !checksumOk(bytes)) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 4, 36).order(ByteOrder.LITTLE_ENDIAN);
        UUID mailbox = new UUID(buffer.getLong(), buffer.getLong());
        long position = buffer.getLong();
        Instant issuedAt = Instant.ofEpochSecond(buffer.getLong());
        int offset = buffer.getInt();
        return position < 0 || offset < -1 ? Optional.empty()
                : Optional.of(new Position(mailbox, position, offset, issuedAt));
    }

    private static byte[] idBytes(byte[] header, UUID mailbox, Kind kind, Folder folder, long number, int occurrence) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 36 + 1 + 1 + 1 + 8 + 2 + 1).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(header).put(mailbox.toString().getBytes(StandardCharsets.US_ASCII));
        buffer.put((byte) 0x46).put(kind.code).put(folder.code).putLong(number).putShort((short) occurrence);
        byte[] bytes = buffer.array();
        bytes[bytes.length - 1] = checksum(bytes);
        return bytes;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte checksum(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 1);
        return (byte) crc.getValue();
    }

    private static boolean checksumOk(byte[] bytes) {
        return bytes[bytes.length - 1] == checksum(bytes);
    }
}
