package rxpush.simulators.resourcexpress.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rxpush.common.contract.BookingIds;
import rxpush.common.contract.BookingUpdate;
import rxpush.simulators.resourcexpress.Bookings;
import rxpush.simulators.resourcexpress.bookings.BookingVersion;
import rxpush.simulators.resourcexpress.bookings.SimJson;
import rxpush.simulators.resourcexpress.bookings.StoredBooking;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** verify in series mode: the contract amendment "Recurring series and the sync window". */
class SeriesVerifierTest {

    static final String ROOM = "room.101@contoso.com";
    static final Instant AT = Instant.parse("2026-12-04T12:00:00Z");
    static final Instant FIRST = Instant.parse("2026-12-07T09:00:00Z");
    static final Instant MODIFIED = Instant.parse("2026-12-01T08:00:00Z");
    static final JsonNode WEEKLY = SimJson.mapper().readTree("""
            {"pattern":{"type":"weekly","interval":1,"daysOfWeek":["monday"],"firstDayOfWeek":"sunday"},
             "range":{"type":"numbered","startDate":"2026-12-07","numberOfOccurrences":3,
                      "recurrenceTimeZone":"W. Europe Standard Time"}}""");

    static String id(String itemId) {
        return BookingIds.bookingId(ROOM, itemId);
    }

    static Instant week(int index) {
        return FIRST.plus(Duration.ofDays(7L * (index - 1)));
    }

    static TruthItem master() {
        return new TruthItem("M", List.of(), "ckM", MODIFIED, false, 1L, null, "SERIES_MASTER", FIRST,
                FIRST.plusSeconds(3600), List.of(), WEEKLY);
    }

    static TruthItem occurrence(int index, Instant start) {
        return new TruthItem("M-" + index, List.of(), "ckM", MODIFIED, false, 1L, null, "OCCURRENCE", start,
                start.plusSeconds(3600), List.of("M"), null);
    }

    static Truth truth(List<TruthItem> occurrences) {
        return new Truth(List.of(new TruthMailbox(ROOM, List.of(master()), occurrences)), AT);
    }

    static Truth threeWeeks() {
        return truth(List.of(occurrence(1, week(1)), occurrence(2, week(2)), occurrence(3, week(3))));
    }

    static StoredBooking held(String itemId, String type, String masterId, Instant start, JsonNode recurrence) {
        ObjectNode tree = Bookings.tree(id(itemId), "ckM", MODIFIED.toString());
        tree.put("mailbox", ROOM);
        tree.put("itemId", itemId);
        tree.put("occurrenceType", type);
        tree.put("seriesMasterId", masterId);
        tree.put("start", start.toString());
        tree.put("end", start.plusSeconds(3600).toString());
        return new StoredBooking(id(itemId), SimJson.mapper().treeToValue(tree, BookingUpdate.class), AT, "k",
                recurrence);
    }

    static StoredBooking heldMaster(JsonNode recurrence) {
        return held("M", "SERIES_MASTER", null, FIRST, recurrence);
    }

    static StoredBooking heldOccurrence(int index) {
        return held("M-" + index, "OCCURRENCE", id("M"), week(index), null);
    }

    static List<StoredBooking> exact() {
        return new ArrayList<>(List.of(heldMaster(WEEKLY), heldOccurrence(1), heldOccurrence(2), heldOccurrence(3)));
    }

    static VerifyReport verify(Truth truth, List<StoredBooking> rx) {
        return verify(truth, rx, VerifyOptions.forSeries());
    }

    static VerifyReport verify(Truth truth, List<StoredBooking> rx, VerifyOptions options) {
        Map<BookingVersion, Integer> once = new HashMap<>();
        rx.forEach(b -> once.put(b.version(), 1));
        return Verifier.verify(truth, rx, once, AT.plusSeconds(5), options);
    }

    @Test
    void aMasterWithItsRecurrenceAndEveryOccurrenceIsOk() {
        VerifyReport report = verify(threeWeeks(), exact());

        assertThat(report.ok()).as(report.summary()).isTrue();
        assertThat(report.truthBookings()).isEqualTo(4);
    }

    @Test
    void theMasterNeverCountsAsBookingTheFirstSlot() {
        List<StoredBooking> rx = exact();
        rx.remove(1);

        VerifyReport report = verify(threeWeeks(), rx);

        assertThat(report.missing()).singleElement().satisfies(f -> assertThat(f.itemId()).isEqualTo("M-1"));
    }

    @Test
    void theFirstSlotHeldTwiceIsReported() {
        List<StoredBooking> rx = exact();
        rx.set(0, held("M", "SINGLE", null, FIRST, null)); // the master pushed as a booking of its own

        VerifyReport report = verify(threeWeeks(), rx);

        assertThat(report.doubleBooked()).singleElement().satisfies(f -> assertThat(f.itemId()).isEqualTo("M"));
        assertThat(report.stale()).singleElement().satisfies(f -> assertThat(f.detail()).contains("SERIES_MASTER"));
        assertThat(report.ok()).isFalse();
    }

    @Test
    void anOccurrenceHeldUnderTwoIdsOfTheSameSlotIsDoubleBooked() {
        List<StoredBooking> rx = exact();
        rx.add(held("M@2026-12-07", "OCCURRENCE", id("M"), week(1), null));

        VerifyReport report = verify(threeWeeks(), rx);

        assertThat(report.doubleBooked()).singleElement()
                .satisfies(f -> assertThat(f.itemId()).isEqualTo("M@2026-12-07"));
        assertThat(report.extra()).hasSize(1); // and it is unknown to Exchange
    }

    @Test
    void aMasterWithoutOrWithAnotherRecurrenceIsStale() {
        List<StoredBooking> without = exact();
        without.set(0, heldMaster(null));
        assertThat(verify(threeWeeks(), without).stale()).singleElement()
                .satisfies(f -> assertThat(f.detail()).contains("without its recurrence"));

        List<StoredBooking> shorter = exact();
        ObjectNode two = (ObjectNode) WEEKLY.deepCopy();
        ((ObjectNode) two.get("range")).put("numberOfOccurrences", 2);
        shorter.set(0, heldMaster(two));
        assertThat(verify(threeWeeks(), shorter).stale()).singleElement()
                .satisfies(f -> assertThat(f.detail()).contains("numberOfOccurrences=2"));
    }

    @Test
    void aCancelledOccurrenceStillHeldIsExtraAndAMovedOneIsStale() {
        Instant moved = week(3).plus(Duration.ofHours(2));
        TruthItem exception = new TruthItem("M-3", List.of(), "ckX", MODIFIED.plusSeconds(60), false, 2L, null,
                "EXCEPTION", moved, moved.plusSeconds(3600), List.of("M"), null);
        Truth truth = truth(List.of(occurrence(1, week(1)), exception)); // 2 cancelled, 3 moved

        VerifyReport report = verify(truth, exact());

        assertThat(report.extra()).singleElement().satisfies(f -> assertThat(f.itemId()).isEqualTo("M-2"));
        assertThat(report.stale()).singleElement().satisfies(f -> assertThat(f.itemId()).isEqualTo("M-3"));
    }

    @Test
    void anExceptionWithExchangesVersionButOtherTimesOrTypeIsStale() {
        Instant moved = week(3).plus(Duration.ofHours(2));
        TruthItem exception = new TruthItem("M-3", List.of(), "ckM", MODIFIED, false, 2L, null, "EXCEPTION", moved,
                moved.plusSeconds(3600), List.of("M"), null);
        Truth truth = truth(List.of(occurrence(1, week(1)), occurrence(2, week(2)), exception));

        List<StoredBooking> rx = exact();
        assertThat(verify(truth, rx).stale()).singleElement()
                .satisfies(f -> assertThat(f.detail()).contains("Exchange has an EXCEPTION"));

        rx.set(3, held("M-3", "EXCEPTION", id("M"), week(3), null));
        assertThat(verify(truth, rx).stale()).singleElement()
                .satisfies(f -> assertThat(f.detail()).contains(moved.toString()));

        rx.set(3, held("M-3", "EXCEPTION", "bk-another-master", moved, null));
        assertThat(verify(truth, rx).stale()).singleElement()
                .satisfies(f -> assertThat(f.detail()).contains("not the master's bookingId"));
    }

    @Test
    void onlyOccurrencesWhoseStartLiesInTheWindowAreRequired() {
        Truth truth = truth(List.of(occurrence(1, AT.minus(Duration.ofDays(3))), occurrence(2, week(1)),
                occurrence(3, AT.plus(Duration.ofDays(400)))));
        List<StoredBooking> rx = List.of(heldMaster(WEEKLY), held("M-2", "OCCURRENCE", id("M"), week(1), null));

        assertThat(verify(truth, rx).ok()).as(verify(truth, rx).summary()).isTrue();

        VerifyReport narrow = verify(truth, rx, VerifyOptions.forSeries(Duration.ofDays(1), Duration.ofDays(2)));
        assertThat(narrow.ok()).isTrue(); // week(1) is 3 days ahead: outside, but held and Exchange has it

        VerifyReport wide = verify(truth, rx, VerifyOptions.forSeries(Duration.ofDays(7), Duration.ofDays(500)));
        assertThat(wide.missing()).extracting(Finding::itemId).containsExactly("M-1", "M-3");
    }

    @Test
    void aMasterWithNoOccurrenceInTheWindowIsNotRequired() {
        Truth truth = truth(List.of(occurrence(1, AT.plus(Duration.ofDays(400)))));

        assertThat(verify(truth, List.of()).ok()).isTrue();
        assertThat(verify(truth, List.of(), VerifyOptions.DEFAULT).missing()).extracting(Finding::itemId)
                .containsExactly("M");
    }

    @Test
    void oneOccurrenceVersionAppliedTwiceIsDuplicateApplied() {
        List<StoredBooking> rx = exact();
        Map<BookingVersion, Integer> counts = new HashMap<>();
        rx.forEach(b -> counts.put(b.version(), 1));
        counts.put(rx.get(2).version(), 2);

        VerifyReport report = Verifier.verify(threeWeeks(), rx, counts, AT, VerifyOptions.forSeries());

        assertThat(report.duplicateApplied()).singleElement()
                .satisfies(f -> assertThat(f.itemId()).isEqualTo("M-2"));
    }

    @Test
    void withoutSeriesModeTheOldRulesStand() {
        List<StoredBooking> rx = exact();
        rx.set(0, held("M", "SINGLE", null, FIRST, null));

        VerifyReport report = verify(threeWeeks(), rx, VerifyOptions.DEFAULT);

        assertThat(report.ok()).as(report.summary()).isTrue();
        assertThat(report.doubleBooked()).isEmpty();
    }
}
