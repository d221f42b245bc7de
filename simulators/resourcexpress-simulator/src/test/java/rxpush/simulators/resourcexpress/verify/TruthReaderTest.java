package rxpush.simulators.resourcexpress.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TruthReaderTest {

    static final String ITEMS = "[{\"itemId\":\"AAMk1\",\"changeKey\":\"ck1\",\"lastModified\":\"2026-11-25T09:00:00Z\","
            + "\"cancelled\":false,\"sequence\":5,\"subject\":\"ignored\"},"
            + "{\"id\":\"AAMk2\",\"changeKey\":\"ck2\",\"lastModifiedDateTime\":\"2026-11-25T10:00:00+01:00\","
            + "\"isCancelled\":true}]";

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"mailboxes\":[{\"mailbox\":\"room.1@contoso.com\",\"items\":" + ITEMS + "}]}",
        "{\"mailboxes\":{\"room.1@contoso.com\":" + ITEMS + "}}",
        "{\"mailboxes\":{\"room.1@contoso.com\":{\"items\":" + ITEMS + "}}}",
        "[{\"address\":\"room.1@contoso.com\",\"calendar\":" + ITEMS + "}]",
        "{\"room.1@contoso.com\":" + ITEMS + "}"})
    void everyAcceptedShapeReadsTheSame(String json) {
        Truth truth = Truth.parse(json);

        assertThat(truth.mailboxes()).singleElement().satisfies(m -> {
            assertThat(m.mailbox()).isEqualTo("room.1@contoso.com");
            assertThat(m.items()).containsExactly(
                    new TruthItem("AAMk1", List.of(), "ck1", Instant.parse("2026-11-25T09:00:00Z"), false, 5L, null),
                    new TruthItem("AAMk2", List.of(), "ck2", Instant.parse("2026-11-25T09:00:00Z"), true, null, null));
        });
    }

    /** The shape of the exchange-simulator's GET /sim/truth (trimmed to what verify reads, plus noise). */
    static final String EXCHANGE_SIMULATOR_SHAPE = """
            {"at":"2026-11-25T12:00:00Z","lastSequence":9,"mailboxes":[{"address":"room.1@contoso.com","objectId":"u1",
              "items":[
                {"mailbox":"room.1@contoso.com","ewsId":"AAMkE1","immutableId":"AAkALI1","changeKey":"ck1",
                 "itemClass":"IPM.Appointment","type":"SERIES_MASTER","cancelled":false,
                 "lastModified":"2026-11-25T09:00:00Z","sequence":7,"subject":"Standup","attendees":[]},
                {"ewsId":"AAMkFB","immutableId":"AAkALIFB","itemClass":"IPM.SchedulePlus.FreeBusy.BinaryData"}],
              "occurrences":[
                {"ewsId":"AAMkE1-1","immutableId":"AAkALI1-1","changeKey":"ck1","itemClass":"IPM.Appointment",
                 "type":"OCCURRENCE","cancelled":false,"lastModified":"2026-11-25T09:00:00Z","sequence":7}],
              "deleted":[{"ewsId":"AAMkD","immutableId":"AAkALID","iCalUid":"u","deletedAt":"2026-11-25T11:00:00Z",
                "sequence":9}]}]}""";

    @Test
    void theExchangeSimulatorShapeReadsWithBothIdsOccurrencesAndTombstones() {
        TruthMailbox mailbox = Truth.parse(EXCHANGE_SIMULATOR_SHAPE).mailboxes().getFirst();

        assertThat(mailbox.mailbox()).isEqualTo("room.1@contoso.com");
        assertThat(mailbox.items()).containsExactly(
                new TruthItem("AAMkE1", List.of("AAkALI1"), "ck1", Instant.parse("2026-11-25T09:00:00Z"), false, 7L, null,
                        "SERIES_MASTER", null, null, List.of(), null),
                new TruthItem("AAMkD", List.of("AAkALID"), null, null, true, 9L, null));
        assertThat(mailbox.occurrences()).extracting(TruthItem::itemId, TruthItem::otherItemIds)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("AAMkE1-1", List.of("AAkALI1-1")));
    }

    @Test
    void deletedCountsAsCancelled() {
        Truth truth = Truth.parse("{\"r@c.com\":[{\"itemId\":\"x\",\"deleted\":true}]}");

        assertThat(truth.mailboxes().getFirst().items().getFirst().cancelled()).isTrue();
    }

    @Test
    void unreadableTruthSaysWhy() {
        assertThatThrownBy(() -> Truth.parse("{")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> Truth.parse("42")).hasMessageContaining("object or array");
        assertThatThrownBy(() -> Truth.parse("[{\"items\":[]}]")).hasMessageContaining("no mailbox address");
        assertThatThrownBy(() -> Truth.parse("{\"r@c.com\":{\"rooms\":[]}}")).hasMessageContaining("no item list");
        assertThatThrownBy(() -> Truth.parse("{\"r@c.com\":[{\"changeKey\":\"x\"}]}")).hasMessageContaining("no itemId");
        assertThatThrownBy(() -> Truth.parse("{\"r@c.com\":[{\"itemId\":\"x\",\"lastModified\":\"soon\"}]}"))
                .hasMessageContaining("unreadable lastModified");
    }

    @Test
    void seriesFieldsAndTheInstantOfTheTruthAreRead() {
        Truth truth = Truth.parse("""
                {"at":"2026-12-04T12:00:00.5Z","lastSequence":9,"mailboxes":[{"address":"r@c.com","items":[
                  {"ewsId":"M","immutableId":"Mi","type":"SERIES_MASTER","start":"2026-12-07T09:00:00Z",
                   "recurrence":{"pattern":{"type":"daily","interval":1},"range":{"type":"noEnd","startDate":"2026-12-07"}}}],
                 "occurrences":[
                  {"ewsId":"O1","type":"OCCURRENCE","seriesMasterEwsId":"M","seriesMasterImmutableId":"Mi",
                   "start":"2026-12-07T09:00:00Z","end":"2026-12-07T10:00:00Z"},
                  {"id":"O2","type":"exception","seriesMasterId":"Mi",
                   "start":{"dateTime":"2026-12-08T11:00:00.0000000","timeZone":"UTC"}}]}]}""");

        assertThat(truth.at()).isEqualTo(java.time.Instant.parse("2026-12-04T12:00:00.5Z"));
        TruthMailbox mailbox = truth.mailboxes().getFirst();
        assertThat(mailbox.items().getFirst().isMaster()).isTrue();
        assertThat(mailbox.items().getFirst().recurrence().path("range").path("type").asString()).isEqualTo("noEnd");
        assertThat(mailbox.occurrences()).extracting(TruthItem::type).containsExactly("OCCURRENCE", "EXCEPTION");
        assertThat(mailbox.occurrences().getFirst().seriesMasterIds()).containsExactly("M", "Mi");
        assertThat(mailbox.occurrences().get(1).start()).isEqualTo(java.time.Instant.parse("2026-12-08T11:00:00Z"));
        assertThat(mailbox.occurrences().getFirst().end()).isEqualTo(java.time.Instant.parse("2026-12-07T10:00:00Z"));
    }
}
