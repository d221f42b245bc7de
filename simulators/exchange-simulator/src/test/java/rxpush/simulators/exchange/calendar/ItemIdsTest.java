package rxpush.simulators.exchange.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ItemIdsTest {

    private static final UUID MAILBOX = UUID.fromString("2d4c0a8e-8d2f-4a67-9c1e-5b2f6a0d9e11");

    @Test
    void everyIdFormDecodesToTheSameItem() {
        String ews = ItemIds.ewsId(MAILBOX, ItemIds.Kind.ITEM, Folder.CALENDAR, 4711, 0);
        String immutable = ItemIds.immutableId(MAILBOX, ItemIds.Kind.ITEM, 4711, 0);
        for (String id : new String[] {ews, ItemIds.restId(ews), immutable}) {
            ItemIds.Parsed parsed = ItemIds.parse(id).orElseThrow();
            assertThat(parsed.mailbox()).isEqualTo(MAILBOX);
            assertThat(parsed.number()).isEqualTo(4711);
            assertThat(parsed.kind()).isEqualTo(ItemIds.Kind.ITEM);
        }
        assertThat(ews).startsWith("AAMkA");
        assertThat(ItemIds.parse(immutable).orElseThrow().immutable()).isTrue();
        assertThat(ItemIds.restId(immutable)).isEqualTo(immutable);
        assertThat(ItemIds.ewsId(MAILBOX, ItemIds.Kind.ITEM, Folder.DELETED_ITEMS, 4711, 0)).isNotEqualTo(ews);
        ItemIds.Parsed occurrence = ItemIds.parse(ItemIds.ewsId(MAILBOX, ItemIds.Kind.OCCURRENCE, Folder.CALENDAR, 3, 7))
                .orElseThrow();
        assertThat(occurrence.occurrence()).isEqualTo(7);
    }

    @Test
    void randomTruncatedOrTamperedStringsAreMalformed() {
        String ews = ItemIds.ewsId(MAILBOX, ItemIds.Kind.ITEM, Folder.CALENDAR, 1, 0);
        byte[] bytes = Base64.getDecoder().decode(ews);
        bytes[50] ^= 1;
        assertThat(ItemIds.parse(Base64.getEncoder().encodeToString(bytes))).isEmpty();
        assertThat(ItemIds.parse(ews.substring(0, ews.length() - 4))).isEmpty();
        assertThat(ItemIds.parse("AAMkAGViYzY5NTVhLTcxNzUtNDE3YS05N2FhLTNhODU5OWE2MWVlZABGAAAAAAA=")).isEmpty();
        assertThat(ItemIds.parse("not base64 at all!")).isEmpty();
        assertThat(ItemIds.parse(null)).isEmpty();
    }

    @Test
    void changeKeysWatermarksAndSyncStatesHaveExchangesShape() {
        assertThat(ItemIds.changeKey(MAILBOX, 0x1E001)).startsWith("DwAAABYAAAA").hasSize(40);
        Instant at = Instant.parse("2026-11-02T07:00:00Z");
        String watermark = ItemIds.watermark(MAILBOX, 42, at);
        assertThat(watermark).startsWith("AQAAA");
        assertThat(ItemIds.parseWatermark(watermark)).hasValue(new ItemIds.Position(MAILBOX, 42, -1, at));
        assertThat(ItemIds.parseSyncState(watermark)).as("a watermark is no sync state").isEmpty();
        String state = ItemIds.syncState(MAILBOX, 42, 100, at);
        assertThat(ItemIds.parseSyncState(state).orElseThrow().offset()).isEqualTo(100);
        assertThat(ItemIds.parseWatermark("AQAAAExY/dNdjDVKjtBVHKR5IOurFukhAAAAAAE=")).isEmpty();
        assertThat(ItemIds.subscriptionId(MAILBOX, UUID.randomUUID())).isNotBlank();
    }
}
