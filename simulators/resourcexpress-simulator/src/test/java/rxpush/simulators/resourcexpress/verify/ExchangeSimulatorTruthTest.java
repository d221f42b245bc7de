package rxpush.simulators.resourcexpress.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import rxpush.simulators.resourcexpress.bookings.SimJson;
import rxpush.simulators.resourcexpress.bookings.StoredBooking;
import tools.jackson.databind.JsonNode;

/**
 * A series master as the exchange simulator's {@code /sim/truth} writes it, judged against the master RX
 * holds. That truth states the recurrence twice: {@code recurrence} is the simulator's own record
 * ({@code "pattern":"WEEKLY"}, {@code "range":"NUMBERED"}, scalars), {@code graphRecurrence} is Graph's
 * patternedRecurrence, the contract's shape. Read from {@code recurrence}, every pattern and range field
 * was missing and the master's truth normalized to {@code {interval=1}}, so every correctly held master
 * was reported stale (issue 14, SeriesAndDeletionsSimulatedIT).
 */
class ExchangeSimulatorTruthTest {

    static final String ROOM = "room.101@contoso.com";

    /** Copied from a /sim/truth answer (exchange simulator, ControlSeriesIT), shortened to what verify reads. */
    static final String TRUTH = """
            {"at":"2026-12-04T12:00:00Z","lastSequence":6,"mailboxes":[{"address":"room.101@contoso.com",
             "objectId":"b1","items":[{"mailbox":"room.101@contoso.com","ewsId":"AAMkM","immutableId":"AAkuM",
              "changeKey":"DwAAABYAAAB","itemClass":"IPM.Appointment","type":"SERIES_MASTER",
              "seriesMasterEwsId":null,"seriesMasterImmutableId":null,"occurrenceIndex":0,
              "start":"2026-12-08T15:00:00Z","end":"2026-12-08T16:00:00Z","timeZone":"W. Europe Standard Time",
              "cancelled":false,"lastModified":"2026-12-04T12:00:00Z","sequence":6,
              "recurrence":{"pattern":"WEEKLY","interval":1,"daysOfWeek":[],"dayOfMonth":0,"range":"NUMBERED",
               "endDate":null,"count":10},
              "graphRecurrence":{"pattern":{"type":"weekly","interval":1,"month":0,"dayOfMonth":0,
               "daysOfWeek":["tuesday"],"firstDayOfWeek":"monday","index":"first"},"range":{"type":"numbered",
               "startDate":"2026-12-08","endDate":"0001-01-01","recurrenceTimeZone":"W. Europe Standard Time",
               "numberOfOccurrences":10}},"recurring":true}],
             "occurrences":[],"deleted":[]}]}""";

    /** The recurrence the forwarder sends for that master (contract "Recurring series": pattern and range). */
    static JsonNode sent(int occurrences) {
        return SimJson.mapper().readTree("""
                {"pattern":{"type":"weekly","interval":1,"daysOfWeek":["tuesday"]},
                 "range":{"type":"numbered","startDate":"2026-12-08","numberOfOccurrences":%d,
                          "recurrenceTimeZone":"W. Europe Standard Time"}}""".formatted(occurrences));
    }

    static TruthItem master() {
        return Truth.parse(TRUTH).mailboxes().getFirst().items().getFirst();
    }

    static StoredBooking heldMaster(JsonNode recurrence) {
        return SeriesVerifierTest.held("AAMkM", "SERIES_MASTER", null, Instant.parse("2026-12-08T15:00:00Z"),
                recurrence);
    }

    @Test
    void theTruthsRecurrenceIsGraphsPatternAndRangeNotTheSimulatorsOwnRecord() {
        assertThat(SeriesRules.normalized(master().recurrence())).containsEntry("type", "weekly")
                .containsEntry("range", "numbered").containsEntry("startDate", "2026-12-08")
                .containsEntry("numberOfOccurrences", 10);
    }

    @Test
    void aMasterHeldWithExchangesRecurrenceIsInShape() {
        assertThat(SeriesRules.shape(ROOM, master(), heldMaster(sent(10)))).isNull();
    }

    @Test
    void aMasterHeldWithAnotherRangeIsStaleAndTheFindingShowsExchangesRange() {
        assertThat(SeriesRules.shape(ROOM, master(), heldMaster(sent(7))))
                .contains("numberOfOccurrences=7").contains("is not Exchange's")
                .endsWith("numberOfOccurrences=10}");
    }
}
